"""Where things sit in a dossier source (CONTRACT.md §1): accounts.csv, uploads.csv, pieces/."""

from schemas.storage import PieceObject, StoredObject

ACCOUNTS_KEY = "accounts.csv"
# Optional export of upload times, one row per file: path,uploaded_at (justif's extension).
UPLOADS_KEY = "uploads.csv"
PIECES_PREFIX = "pieces/"


def is_ignored(key: str) -> bool:
    """Files no candidate uploaded: hidden files a desktop adds to copied folders (.DS_Store)."""
    return any(part.startswith(".") for part in key.split("/"))


def piece_of(obj: StoredObject) -> PieceObject | None:
    """The piece an object under pieces/ is; None for anything else in the source."""
    if not obj.key.startswith(PIECES_PREFIX) or is_ignored(obj.key):
        return None
    parts = obj.key[len(PIECES_PREFIX):].split("/")
    if len(parts) < 2 or not parts[0]:
        return None
    if len(parts) == 2:
        # A file straight under the candidate's folder: no slot, reported as outside the slots.
        return PieceObject(candidate_id=parts[0], slot="", filename=parts[1], object=obj)
    return PieceObject(candidate_id=parts[0], slot=parts[1], filename="/".join(parts[2:]),
                       object=obj)
