"""Dossier sources: a local directory or an S3 prefix, listed and read the same way."""

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from minio import Minio

from schemas.errors import SourceError, SourceNotFound
from schemas.storage import StoredObject
from settings.app import Settings
from storage.s3 import make_client, storage_errors

# Objects are read in chunks so that a file growing past the limit is never held whole.
_CHUNK = 1024 * 1024


class DossierSource(Protocol):
    """What the flow needs from a source: a listing and the bytes of one object."""

    uri: str

    def list_objects(self) -> Iterator[StoredObject]:
        """Every object under the source root, without contents."""
        ...

    def read(self, key: str, max_bytes: int) -> bytes | None:
        """The object's bytes, at most max_bytes + 1 of them; None when it does not exist."""
        ...


class LocalSource:
    """A directory laid out as CONTRACT.md §1."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise SourceNotFound(f"dossier source introuvable : {root} n'est pas un répertoire")
        self.root = root
        self.uri = str(root)

    def list_objects(self) -> Iterator[StoredObject]:
        """Files under the root, sorted; their version is size and modification time."""
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath) / name
                stat = path.stat()
                yield StoredObject(
                    key=path.relative_to(self.root).as_posix(),
                    size=stat.st_size,
                    version=f"{stat.st_size}-{stat.st_mtime_ns}",
                    stored_at=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
                )

    def read(self, key: str, max_bytes: int) -> bytes | None:
        """Read a file of the directory."""
        path = self.root / key
        try:
            with path.open("rb") as handle:
                return handle.read(max_bytes + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            # The root, not the file: a file name may carry the candidate's name.
            raise SourceError(f"lecture impossible d'un fichier de {self.root} "
                              f"({exc.strerror})") from None


class S3Source:
    """A prefix of an S3 bucket laid out as CONTRACT.md §1."""

    def __init__(self, client: Minio, endpoint: str, bucket: str, prefix: str) -> None:
        self.client = client
        self.endpoint = endpoint
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.uri = f"s3://{bucket}/{self.prefix}" if self.prefix else f"s3://{bucket}"
        with storage_errors(endpoint, f"l'accès au bucket « {bucket} »"):
            exists = client.bucket_exists(bucket)
        if not exists:
            raise SourceNotFound(f"bucket « {bucket} » introuvable sur {endpoint}")

    def _object_name(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def list_objects(self) -> Iterator[StoredObject]:
        """Objects under the prefix; their version is the ETag."""
        root = f"{self.prefix}/" if self.prefix else ""
        with storage_errors(self.endpoint, f"la liste de {self.uri}"):
            for obj in self.client.list_objects(self.bucket, prefix=root, recursive=True):
                if obj.is_dir or obj.object_name is None:
                    continue
                yield StoredObject(
                    key=obj.object_name[len(root):],
                    size=obj.size or 0,
                    version=(obj.etag or "").strip('"') or f"size-{obj.size}",
                    stored_at=obj.last_modified or datetime.now(UTC),
                )

    def read(self, key: str, max_bytes: int) -> bytes | None:
        """Download an object, stopping past max_bytes."""
        name = self._object_name(key)
        with storage_errors(self.endpoint, "la lecture d'un objet"):
            try:
                response = self.client.get_object(self.bucket, name)
            except Exception as exc:
                if getattr(exc, "code", None) in ("NoSuchKey", "NoSuchObject"):
                    return None
                raise
            try:
                chunks, total = [], 0
                for chunk in response.stream(_CHUNK):
                    chunks.append(chunk)
                    total += len(chunk)
                    if total > max_bytes:
                        break
                return b"".join(chunks)[: max_bytes + 1]
            finally:
                response.close()
                response.release_conn()


def parse_s3_uri(uri: str) -> tuple[str, str]:
    """s3://bucket/prefix -> (bucket, prefix)."""
    rest = uri.removeprefix("s3://")
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise SourceError(f"adresse S3 invalide : « {uri} » (forme attendue : "
                          "s3://bucket/prefixe)")
    return bucket, prefix.strip("/")


def open_source(uri: str, settings: Settings) -> DossierSource:
    """The source a command-line SOURCE names: a directory path or s3://bucket/prefix."""
    if uri.startswith("s3://"):
        bucket, prefix = parse_s3_uri(uri)
        return S3Source(make_client(settings), settings.s3_endpoint, bucket, prefix)
    return LocalSource(Path(uri))
