"""A counting SMTP sink for the email benchmark: `python bench/sink.py PORT STATS.json`.

It accepts everything, counts copies per recipient, and writes the counts and the times of
the first and last message per recipient domain to STATS.json when it gets SIGTERM.
"""

import json
import signal
import sys
import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller


class Counting:
    def __init__(self):
        self.copies = Counter()
        self.first, self.last = {}, {}

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        for rcpt in envelope.rcpt_tos:
            self.copies[rcpt] += 1
            domain = rcpt.rpartition("@")[2]
            self.first.setdefault(domain, now)
            self.last[domain] = now
        return "250 2.0.0 Accepted"


def main(port: int, stats: str) -> None:
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port, data_size_limit=0)
    controller.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print("ready", flush=True)
    done.wait()
    controller.stop()
    with open(stats, "w") as out:
        json.dump({"copies": handler.copies, "first": handler.first, "last": handler.last}, out)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
