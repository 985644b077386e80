"""Read and write runs and verifications; each dossier's verification is one transaction."""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from database.models import Dossier, FindingRecord, Piece, Run, RunDossier, Verification
from schemas.account import Account
from schemas.dossier import PieceFacts
from schemas.findings import Finding
from schemas.run import RunStatus, RunSummary
from schemas.verdict import DossierVerdict, IdentitySummary


@dataclass(frozen=True)
class LatestVerification:
    """The newest verification of a dossier, enough to decide whether it changed."""

    dossier_id: int
    verification_id: int
    fingerprint: str


def now() -> datetime:
    """The current time, aware, UTC."""
    return datetime.now(UTC)


def start_run(engine: Engine, *, source: str, session: str, rules_digest: str,
              code_digest: str, prefect_flow_run_id: str | None) -> int:
    """Record a run as running and return its id."""
    with Session(engine) as db, db.begin():
        run = Run(source=source, session=session, status=RunStatus.RUNNING.value,
                  started_at=now(), rules_digest=rules_digest, code_digest=code_digest,
                  prefect_flow_run_id=prefect_flow_run_id)
        db.add(run)
        db.flush()
        return run.id


def latest_verifications(engine: Engine, session: str) -> dict[str, LatestVerification]:
    """candidate_id -> newest verification, for every dossier of the session."""
    newest = (
        select(Verification.dossier_id, func.max(Verification.id).label("vid"))
        .group_by(Verification.dossier_id)
        .subquery()
    )
    query = (
        select(Dossier.candidate_id, Dossier.id, Verification.id, Verification.fingerprint)
        .join(newest, newest.c.dossier_id == Dossier.id)
        .join(Verification, Verification.id == newest.c.vid)
        .where(Dossier.session == session)
    )
    with Session(engine) as db:
        return {cid: LatestVerification(did, vid, fp) for cid, did, vid, fp in db.execute(query)}


def save_verification(engine: Engine, *, run_id: int, account: Account, fingerprint: str,
                      pieces: tuple[PieceFacts, ...], verdict: DossierVerdict) -> int:
    """Store a new verification with its pieces and findings, all or nothing."""
    with Session(engine) as db, db.begin():
        dossier = db.scalar(select(Dossier).where(
            Dossier.session == account.session, Dossier.candidate_id == account.candidate_id))
        if dossier is None:
            dossier = Dossier(session=account.session, candidate_id=account.candidate_id,
                              first_seen_at=now())
            db.add(dossier)
            db.flush()
        verification = Verification(
            dossier_id=dossier.id, run_id=run_id, created_at=now(), fingerprint=fingerprint,
            verdict=verdict.verdict.value, account=account.model_dump(mode="json"),
            identity=verdict.identity.model_dump(mode="json") if verdict.identity else None,
        )
        db.add(verification)
        db.flush()
        db.add_all(_piece_row(verification.id, piece) for piece in pieces)
        db.add_all(
            FindingRecord(verification_id=verification.id, position=i, code=f.code.value,
                          slot=f.slot, severity=f.severity.value, message=f.message,
                          evidence=f.evidence)
            for i, f in enumerate(verdict.findings)
        )
        db.add(RunDossier(run_id=run_id, dossier_id=dossier.id,
                          verification_id=verification.id, reused=False))
        return verification.id


def reuse_verification(engine: Engine, *, run_id: int, latest: LatestVerification) -> None:
    """Record that this run kept a dossier's previous verification (nothing changed)."""
    with Session(engine) as db, db.begin():
        db.add(RunDossier(run_id=run_id, dossier_id=latest.dossier_id,
                          verification_id=latest.verification_id, reused=True))


def load_verdict(engine: Engine, verification_id: int) -> DossierVerdict:
    """The verdict a verification recorded, as the contract shows it."""
    with Session(engine) as db:
        verification = db.scalars(
            select(Verification)
            .options(selectinload(Verification.findings), selectinload(Verification.dossier))
            .where(Verification.id == verification_id)
        ).one()
        return DossierVerdict(
            candidate_id=verification.dossier.candidate_id,
            verdict=verification.verdict,
            findings=[
                Finding(code=f.code, slot=f.slot, severity=f.severity, message=f.message,
                        evidence=f.evidence)
                for f in verification.findings
            ],
            identity=(IdentitySummary.model_validate(verification.identity)
                      if verification.identity else None),
        )


def finish_run(engine: Engine, run_id: int, *, status: RunStatus, dossiers: int, verified: int,
               unchanged: int, files_read: int, orphan_dossiers: int, upload_times: str | None,
               error: str | None = None) -> None:
    """Close a run with its counts and, when it failed, the reason."""
    with Session(engine) as db, db.begin():
        run = db.get_one(Run, run_id)
        run.status = status.value
        run.finished_at = now()
        run.dossiers, run.verified, run.unchanged = dossiers, verified, unchanged
        run.files_read, run.orphan_dossiers = files_read, orphan_dossiers
        run.upload_times = upload_times
        run.error = error


def run_summary(engine: Engine, run_id: int, out_path: str | None = None) -> RunSummary:
    """Counts of verdicts and finding codes over the dossiers a run stands for."""
    with Session(engine) as db:
        run = db.get_one(Run, run_id)
        verdicts = Counter(dict(db.execute(
            select(Verification.verdict, func.count())
            .join(RunDossier, RunDossier.verification_id == Verification.id)
            .where(RunDossier.run_id == run_id)
            .group_by(Verification.verdict)
        ).all()))
        findings = Counter(dict(db.execute(
            select(FindingRecord.code, func.count())
            .join(RunDossier, RunDossier.verification_id == FindingRecord.verification_id)
            .where(RunDossier.run_id == run_id)
            .group_by(FindingRecord.code)
        ).all()))
        return RunSummary(
            run_id=run.id, source=run.source, status=RunStatus(run.status),
            started_at=run.started_at, finished_at=run.finished_at, dossiers=run.dossiers,
            verified=run.verified, unchanged=run.unchanged, files_read=run.files_read,
            orphan_dossiers=run.orphan_dossiers, upload_times=run.upload_times,
            verdicts=dict(verdicts), findings=dict(findings), out_path=out_path,
            error=run.error,
        )


def run_extractions(engine: Engine, run_id: int, slot: str) -> dict[str, list[dict[str, Any]]]:
    """candidate_id -> what was extracted from each file of one slot, for a run's dossiers."""
    query = (
        select(Dossier.candidate_id, Piece.extraction)
        .join(RunDossier, RunDossier.dossier_id == Dossier.id)
        .join(Piece, Piece.verification_id == RunDossier.verification_id)
        .where(RunDossier.run_id == run_id, Piece.slot == slot)
        .order_by(Piece.id)
    )
    found: dict[str, list[dict[str, Any]]] = {}
    with Session(engine) as db:
        for candidate_id, extraction in db.execute(query):
            found.setdefault(candidate_id, []).append(extraction)
    return found


def _piece_row(verification_id: int, piece: PieceFacts) -> Piece:
    extraction = piece.extraction
    return Piece(
        verification_id=verification_id, object_key=piece.key, slot=piece.slot,
        filename=piece.filename, size=piece.size, version=piece.version,
        sha256=extraction.sha256, stored_at=piece.stored_at, uploaded_at=piece.uploaded_at,
        outcome="read" if extraction.readable else "unreadable",
        problem=extraction.problem.kind.value if extraction.problem else None,
        extraction=extraction.model_dump(mode="json"),
    )


def run_verdicts(engine: Engine, run_id: int) -> dict[str, str]:
    """candidate_id -> the verdict that stands for it in a run."""
    with Session(engine) as db:
        return dict(db.execute(
            select(Dossier.candidate_id, Verification.verdict)
            .join(RunDossier, RunDossier.dossier_id == Dossier.id)
            .join(Verification, Verification.id == RunDossier.verification_id)
            .where(RunDossier.run_id == run_id)
        ).all())


def previous_run_id(engine: Engine, run_id: int) -> int | None:
    """The last successful run over the same source and session before this one."""
    with Session(engine) as db:
        run = db.get_one(Run, run_id)
        return db.scalar(
            select(func.max(Run.id)).where(
                Run.id < run_id, Run.source == run.source, Run.session == run.session,
                Run.status == RunStatus.SUCCEEDED.value))
