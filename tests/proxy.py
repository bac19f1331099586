"""A TCP proxy on loopback in front of a real service (Redis, PostgreSQL), which a test can cut
as an outage would: every open connection dropped and new ones refused (a stopped server), or
new ones left unanswered (a network partition), until restored.

The shared services themselves are never stopped: other test runs use them."""

import contextlib
import socket
import threading


class TcpProxy:
    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self._connections: set[socket.socket] = set()
        self._held: set[socket.socket] = set()  # accepted while stalled
        self._lock = threading.Lock()
        self._listener = None
        self._stalled = False
        self.port = None
        self.restore()

    def restore(self) -> None:
        """Accept and forward connections again, on the same port."""
        self._stalled = False
        if self._listener is not None:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen()
        listener.settimeout(0.05)  # so that `cut` stops the accepting thread promptly
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Refuse new connections and drop every open one, both ways."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self._drop_connections()

    def _drop_connections(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, set()
            held, self._held = self._held, set()
        for client in held:
            client.close()
        for connection in connections:  # their pumps see it and close them
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def stall(self, *, for_seconds: float = 15) -> None:
        """Drop every open connection, and accept new ones but never answer them, as a host
        that drops packets does: clients wait for their timeouts. After `for_seconds` the
        connections are dropped, so that a client without a timeout fails its test rather
        than hanging it."""
        self._stalled = True
        self._drop_connections()
        timer = threading.Timer(for_seconds, self._drop_connections)
        timer.daemon = True
        timer.start()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed by `cut`
            if self._stalled:
                with self._lock:
                    self._held.add(client)  # unanswered until `cut`
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            client.settimeout(None)
            with self._lock:
                if self._listener is not listener:  # cut meanwhile
                    client.close(), server.close()
                    return
                self._connections |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):  # one side gone: so is the other
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
        source.close()  # the sink's own pump closes it
        with self._lock:
            self._connections -= {source, sink}
