import io
import subprocess
import time
from pathlib import Path

import pytest
from minio import Minio
from minio.error import S3Error

from storage.local_server import LocalS3Server, free_port

pytestmark = pytest.mark.s3


def listening_addresses(pid: int) -> set[str]:
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    return {line.split()[3].rsplit(":", 1)[0] for line in out.splitlines() if f"pid={pid}," in line}


def test_anonymous_and_wrong_keys_are_refused(s3_server):
    anonymous = Minio(s3_server.endpoint, secure=False)
    with pytest.raises(S3Error) as caught:
        anonymous.make_bucket("anonymous-bucket")
    assert caught.value.code == "AccessDenied"
    wrong = Minio(s3_server.endpoint, access_key=s3_server.access_key,
                  secret_key="not-the-secret", secure=False)
    with pytest.raises(S3Error) as caught:
        wrong.list_buckets()
    assert caught.value.code == "SignatureDoesNotMatch"


def test_every_port_is_bound_to_loopback_only(s3_server):
    addresses = listening_addresses(s3_server.pid)
    assert addresses, "the server listens on nothing"
    assert addresses == {"127.0.0.1"}


def test_start_is_reused_stop_waits_and_keeps_data_in_its_folder(tmp_path: Path):
    server = LocalS3Server(tmp_path / "s3", s3_port=free_port())
    info = server.start()
    assert server.start().pid == info.pid  # a second start reuses the running server
    client = Minio(info.endpoint, access_key=info.access_key, secret_key=info.secret_key,
                   secure=False)
    client.make_bucket("kept")
    client.put_object("kept", "a.txt", io.BytesIO(b"hello"), 5)
    assert (tmp_path / "s3" / "credentials.env").stat().st_mode & 0o077 == 0
    assert any((tmp_path / "s3" / "logs").iterdir())

    started = time.monotonic()
    assert server.stop() is True
    assert not Path(f"/proc/{info.pid}").exists()
    assert time.monotonic() - started < 46
    assert server.stop() is False

    # Data survives a restart: it lives in the folder, not in the process.
    again = server.start()
    client = Minio(again.endpoint, access_key=again.access_key, secret_key=again.secret_key,
                   secure=False)
    assert client.get_object("kept", "a.txt").read() == b"hello"
    server.stop()
