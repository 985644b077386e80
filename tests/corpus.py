"""The committed sample corpus, seen through its labels, for tests that need facts about it."""

import csv
import io
import json
import shutil
from pathlib import Path

from schemas.labels import DossierLabel, LabelFile
from tests.conftest import LABELS, SAMPLES

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


def first(predicate, among: dict[str, DossierLabel] = DOSSIERS) -> str:
    """The first candidate (of all, or of `among`) whose label satisfies the predicate."""
    return next(cid for cid, label in among.items() if predicate(label))


def clean(label: DossierLabel) -> bool:
    """A dossier expected to pass with no finding."""
    return label.verdict == "ok" and not label.findings


def read_lines(path: Path) -> list[dict]:
    """results.jsonl as dicts."""
    return [json.loads(line) for line in path.read_text().splitlines()]


def copy_dossiers(target: Path, candidates: tuple[str, ...],
                  renamed: dict[str, str] | None = None) -> Path:
    """Copy some sample dossiers (their pieces and export rows); `renamed`: new birth names."""
    target.mkdir(parents=True)
    for name in ("accounts.csv", "uploads.csv"):
        rows = list(csv.DictReader(io.StringIO((SAMPLES / name).read_text(encoding="utf-8"))))
        kept = [r for r in rows
                if (r.get("candidate_id") or r["path"].split("/")[1]) in candidates]
        for row in kept:
            if row.get("candidate_id") in (renamed or {}):
                row["birth_name"] = renamed[row["candidate_id"]]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
        (target / name).write_text(out.getvalue(), encoding="utf-8")
    for candidate in candidates:
        shutil.copytree(SAMPLES / "pieces" / candidate, target / "pieces" / candidate)
    return target


def _few() -> dict[str, DossierLabel]:
    # Each batch test reading all 44 dossiers took two to four minutes in CI; what those
    # tests show (storage, reruns, upload times, limits) needs only these few kinds.
    photo_id = first(lambda label: clean(label) and label.pieces[0].capture == "photo")
    chosen = {
        photo_id,
        first(lambda label: clean(label) and label is not DOSSIERS[photo_id]),
        first(lambda label: any(f.code == "FILE_UNREADABLE" for f in label.findings)),
        first(lambda label: any(f.code == "ROUTED_OTHER_ACADEMY" for f in label.findings)),
    }
    return {cid: label for cid, label in DOSSIERS.items() if cid in chosen}


# A few dossiers of different kinds: a clean one with a photo of the identity document,
# another clean one, an incomplete one with an unreadable file, one routed elsewhere.
FEW: dict[str, DossierLabel] = _few()
