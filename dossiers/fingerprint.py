"""Change keys: a dossier is re-verified only when its account row, files, rules or code change."""

import hashlib
import json
from functools import cache
from pathlib import Path

from schemas.account import Account
from schemas.rules import SessionRules
from schemas.storage import PieceObject

# The packages whose code decides a verdict: editing any of them re-verifies every dossier,
# so an improved extractor or check reaches dossiers that did not change.
_JUDGING_PACKAGES = ("schemas", "extractors", "checks", "dossiers")


@cache
def code_digest() -> str:
    """sha256 over the source files of the packages that judge dossiers."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for package in _JUDGING_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def dossier_fingerprint(
    account: Account, pieces: list[PieceObject], rules: SessionRules, code: str
) -> str:
    """sha256 of everything a verdict depends on, without reading any file's contents."""
    payload = {
        "account": account.row_digest,
        "pieces": sorted(
            (p.object.key, p.object.version, p.object.size,
             p.uploaded_at.isoformat() if p.uploaded_at else None)
            for p in pieces
        ),
        "rules": rules.digest,
        "code": code,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
