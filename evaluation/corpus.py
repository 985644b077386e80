"""Run justif on a labelled corpus, in a database of its own, and score it."""

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from database.engine import connect
from database.repository import run_extractions
from evaluation.scoring import corpus_report, piece_zone
from schemas.errors import JustifError
from schemas.evaluation import CorpusReport
from schemas.labels import LabelFile
from schemas.printed import PrintedZone
from schemas.verdict import DossierVerdict


def load_labels(path: Path) -> LabelFile:
    """labels.json, with a clear error when it is missing or of another shape."""
    try:
        return LabelFile.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise JustifError(f"étiquettes illisibles : {path} ({exc.strerror})") from None
    except ValueError as exc:
        raise JustifError(f"étiquettes invalides dans {path} : {exc}") from None


def identity_reads(extractions: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """For each candidate, the identity file justif read best: its best MRZ if any.

    Its printed zone is the file's that shows the most names (the front of a 2021 card),
    with the expiry another side prints (`piece_zone`).
    """
    best = {}
    for cid, files in extractions.items():
        with_mrz = [f for f in files if f.get("mrz")]
        with_mrz.sort(key=lambda f: (not f["mrz"].get("valid"), -f["mrz"].get("confidence", 0)))
        chosen = dict((with_mrz or files or [{}])[0])
        zone = piece_zone([PrintedZone.model_validate(f["printed"]) for f in files
                           if f.get("printed")])
        if zone is not None:
            chosen["printed"] = zone.model_dump(mode="json")
        best[cid] = chosen
    return best


def evaluate_corpus(source: str, labels_path: Path, session_config: str | None = None
                    ) -> CorpusReport:
    """Verify every dossier of SOURCE from scratch and compare with the labels."""
    from flows.verify_batch import verify_batch

    labels = load_labels(labels_path)
    with tempfile.TemporaryDirectory(prefix="justif-evaluate-") as folder:
        database_url = f"sqlite:///{Path(folder) / 'evaluation.sqlite3'}"
        out = Path(folder) / "results.jsonl"
        started = time.perf_counter()
        summary = verify_batch(source, out=str(out), session_config=session_config,
                               database_url=database_url)
        seconds = time.perf_counter() - started
        verdicts = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            verdict = DossierVerdict.model_validate(json.loads(line))
            verdicts[verdict.candidate_id] = verdict
        engine = connect(database_url)
        reads = identity_reads(run_extractions(engine, summary.run_id, "identite"))
        recaps = run_extractions(engine, summary.run_id, "recapitulatif")
    unknown = set(labels.dossiers) - set(verdicts)
    if unknown:
        raise JustifError(f"{len(unknown)} dossier(s) étiquetés absents de {source}")
    return corpus_report(source, labels.dossiers, verdicts, reads, seconds, recaps)
