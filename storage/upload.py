"""Copy a local dossier directory into an S3 prefix (demo data, migrations between stores)."""

import mimetypes
from collections.abc import Callable
from pathlib import Path

from minio import Minio

from dossiers.layout import is_ignored
from storage.s3 import storage_errors
from storage.sources import LocalSource, parse_s3_uri


def upload_directory(
    directory: Path, uri: str, client: Minio, endpoint: str,
    on_file: Callable[[str], None] | None = None,
) -> int:
    """Upload every file of the directory under s3://bucket/prefix; returns how many."""
    bucket, prefix = parse_s3_uri(uri)
    local = LocalSource(directory)
    with storage_errors(endpoint, f"la création du bucket « {bucket} »"):
        if not client.bucket_exists(bucket):
            client.make_bucket(bucket)
    count = 0
    for obj in local.list_objects():
        if is_ignored(obj.key):
            continue
        name = f"{prefix}/{obj.key}" if prefix else obj.key
        content_type = mimetypes.guess_type(obj.key)[0] or "application/octet-stream"
        with storage_errors(endpoint, "l'envoi d'un fichier"):
            client.fput_object(bucket, name, str(directory / obj.key), content_type=content_type)
        count += 1
        if on_file is not None:
            on_file(obj.key)
    return count
