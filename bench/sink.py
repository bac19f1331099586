"""The email benchmark's SMTP sink: `python bench/sink.py PORT DIR`. It stores the bytes it
receives and parses nothing, so that it is never what limits the senders it measures.

Each connection's bytes go to DIR/NNNNN.smtp as they arrive. The sink looks only for what it
must to answer: the end of a command line (its first four letters choose the answer) and, after
DATA, the end of the message, whose receive time (time.time()) it keeps. On SIGTERM it writes
DIR/times.json, {connection file: [receive time of each message, in order]}. Reading the
stored bytes (who got what) is the benchmark's job afterwards: `read_stored`.

A thread per connection; every answer is one `sendall`.
"""

import itertools
import json
import mmap
import signal
import socket
import socketserver
import sys
import threading
import time
from pathlib import Path

ANSWERS = {b"DATA": b"354 go on\r\n", b"QUIT": b"221 bye\r\n", b"EHLO": b"250 sink\r\n"}
OK = b"250 ok\r\n"
END = b"\r\n.\r\n"


class Sink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, folder: Path):
        super().__init__(("127.0.0.1", port), Connection)
        self.folder = folder
        self.numbers = itertools.count()
        self.times: dict[str, list[float]] = {}
        self.open_files = set()


class Connection(socketserver.BaseRequestHandler):
    def handle(self):
        sink, sock = self.server, self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        name = f"{next(sink.numbers):05}.smtp"
        times = sink.times[name] = []
        with open(sink.folder / name, "wb", buffering=1 << 20) as stored:
            sink.open_files.add(stored)
            sock.sendall(b"220 sink\r\n")
            pending, in_data, done = b"", False, False
            while not done and (chunk := sock.recv(1 << 16)):
                stored.write(chunk)
                pending += chunk
                answers = []
                while True:
                    if in_data:
                        end = pending.find(END)
                        if end < 0:
                            pending = pending[-4:]
                            break
                        times.append(time.time())
                        answers.append(OK)
                        pending, in_data = pending[end + 5 :], False
                    else:
                        end = pending.find(b"\r\n")
                        if end < 0:
                            break
                        verb = pending[:4].upper()
                        answers.append(ANSWERS.get(verb, OK))
                        # The message's first line may be its end: look for END from here.
                        pending = pending[end:] if verb == b"DATA" else pending[end + 2 :]
                        in_data, done = verb == b"DATA", verb == b"QUIT"
                if answers:
                    sock.sendall(b"".join(answers))
            sink.open_files.discard(stored)


def read_stored(path: Path):
    """The recipients of each message in one connection's stored bytes, in order."""
    with open(path, "rb") as file:
        if not file.seek(0, 2):
            return
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as raw:
            position, recipients = 0, []
            while (end := raw.find(b"\r\n", position)) >= 0:
                line, verb = raw[position:end], raw[position : position + 4].upper()
                position = end + 2
                if verb == b"RCPT":
                    recipients.append(line[line.index(b"<") + 1 : line.rindex(b">")].decode())
                elif verb in (b"MAIL", b"RSET"):
                    recipients = []
                elif verb == b"DATA":
                    stop = raw.find(END, end)
                    if stop < 0:
                        return  # cut off mid-message: never answered, so never accepted
                    yield recipients
                    position, recipients = stop + 5, []


def main(port: int, folder: str) -> None:
    sink = Sink(port, Path(folder))
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print("ready", flush=True)
    done.wait()
    sink.shutdown()
    for stored in list(sink.open_files):  # a connection still open: keep what it sent
        stored.flush()
    with open(Path(folder) / "times.json", "w") as out:
        json.dump(sink.times, out)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
