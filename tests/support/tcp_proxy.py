"""A TCP relay in front of the real S3 server that can cut the connection: an outage on demand."""

import contextlib
import socket
import threading


class CuttableProxy:
    """Forwards 127.0.0.1:port to a target; after `cut_after` matching requests, it goes dark."""

    def __init__(self, target_port: int, marker: bytes, cut_after: int | None = None):
        self.target_port = target_port
        self.marker = marker
        self.cut_after = cut_after
        self.seen = 0
        self.cut = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while not self.cut.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if from_client and self.cut_after is not None:
                    with self._lock:
                        self.seen += data.count(self.marker)
                        over = self.seen > self.cut_after
                    if over:
                        self.shutdown()
                        return
                sink.sendall(data)
        except OSError:
            pass

    def shutdown(self) -> None:
        """The outage: refuse new connections and reset open ones."""
        self.cut.set()
        with self._lock:
            sockets = [self.listener, *self._sockets]
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
