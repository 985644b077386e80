"""The committed sample corpus, seen through its labels, for tests that need facts about it."""

import json
from pathlib import Path

from schemas.labels import DossierLabel, LabelFile
from tests.conftest import LABELS

CORPUS = LabelFile.model_validate_json(LABELS.read_bytes())
DOSSIERS: dict[str, DossierLabel] = CORPUS.dossiers
# Codes the checks can give today; the others wait for document reading (issues 4-6).
CHECKED_TODAY = frozenset({
    "PIECE_MISSING", "PIECES_NOT_CONFIRMED", "FILE_UNREADABLE", "LATE_UPLOAD",
    "RESIDENCE_OUT_OF_AREA", "PIECES_CONFIRMED_LATE", "PIECE_UNKNOWN_SLOT",
    "ROUTED_OTHER_ACADEMY",
})


def files_of(candidate_id: str) -> list[str]:
    """Keys of a dossier's files."""
    return [p.path for p in DOSSIERS[candidate_id].pieces]


def first(predicate) -> str:
    """The first candidate whose label satisfies the predicate."""
    return next(cid for cid, label in DOSSIERS.items() if predicate(label))


def clean(label: DossierLabel) -> bool:
    """A dossier expected to pass with no finding."""
    return label.verdict == "ok" and not label.findings


def read_lines(path: Path) -> list[dict]:
    """results.jsonl as dicts."""
    return [json.loads(line) for line in path.read_text().splitlines()]
