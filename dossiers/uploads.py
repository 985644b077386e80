"""When each file was uploaded: from uploads.csv, else from storage times when they mean it."""

import csv
import io
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from schemas.errors import SourceError
from schemas.storage import PieceObject


class UploadTimes(StrEnum):
    """Where a run took upload times from."""

    MANIFEST = "manifest"  # uploads.csv
    STORAGE = "storage"  # object modification times
    UNKNOWN = "unknown"  # storage times are copy times: LATE_UPLOAD cannot be judged


def parse_upload_manifest(data: bytes, zone: ZoneInfo) -> dict[str, datetime]:
    """uploads.csv: `path,uploaded_at`, path relative to the source root."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    if not reader.fieldnames or not {"path", "uploaded_at"} <= set(reader.fieldnames):
        raise SourceError("uploads.csv : colonnes « path » et « uploaded_at » attendues")
    times: dict[str, datetime] = {}
    for row in reader:
        try:
            moment = datetime.fromisoformat(row["uploaded_at"].strip())
        except ValueError:
            raise SourceError(f"uploads.csv, ligne {reader.line_num} : date invalide "
                              f"« {row['uploaded_at']} »") from None
        times[row["path"].strip()] = moment if moment.tzinfo else moment.replace(tzinfo=zone)
    return times


def choose_upload_times(
    pieces: list[PieceObject], manifest: dict[str, datetime] | None, deadline: datetime
) -> UploadTimes:
    """Which clock tells when files arrived.

    Without uploads.csv, storage times are upload times only if the source was filled while
    candidates uploaded: a source whose every object postdates the deadline was copied after
    it (a git checkout, a restored backup), and its times say nothing about the candidates.
    """
    if manifest is not None:
        return UploadTimes.MANIFEST
    if any(p.object.stored_at <= deadline for p in pieces):
        return UploadTimes.STORAGE
    return UploadTimes.UNKNOWN


def with_upload_time(
    piece: PieceObject, mode: UploadTimes, manifest: dict[str, datetime] | None
) -> PieceObject:
    """The piece with its upload time set as the chosen clock gives it (None when unknown)."""
    if mode is UploadTimes.MANIFEST and manifest is not None:
        uploaded_at = manifest.get(piece.object.key)
    elif mode is UploadTimes.STORAGE:
        uploaded_at = piece.object.stored_at
    else:
        uploaded_at = None
    return piece.model_copy(update={"uploaded_at": uploaded_at})
