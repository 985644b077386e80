"""What the staff app reads and writes: dossiers' latest state, their history, the audit log."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from database.models import (
    AuditEvent,
    Dossier,
    FindingRecord,
    Piece,
    Run,
    RunDossier,
    StaffUser,
    Verification,
)
from database.repository import now
from schemas.findings import Finding
from schemas.staff import DECISIONS, Action, AuditEntry, DossierState


def _entry(event: AuditEvent, actor: str) -> AuditEntry:
    return AuditEntry(id=event.id, at=event.at, actor=actor, action=Action(event.action),
                      verification_id=event.verification_id, before=event.before,
                      after=event.after, comment=event.comment)


def dossier_states(engine: Engine, session: str, dossier_id: int | None = None
                   ) -> list[DossierState]:
    """Every dossier of a session (or one) with its latest verification and staff actions.

    One query per table, then joined here: a session has thousands of dossiers, not millions.
    """
    with Session(engine) as db:
        dossiers = select(Dossier.id, Dossier.candidate_id).where(Dossier.session == session)
        if dossier_id is not None:
            dossiers = dossiers.where(Dossier.id == dossier_id)
        candidates = dict(db.execute(dossiers).all())
        if not candidates:
            return []
        history: dict[int, list[tuple[int, str, datetime]]] = defaultdict(list)
        for did, vid, verdict, created in db.execute(
                select(Verification.dossier_id, Verification.id, Verification.verdict,
                       Verification.created_at)
                .where(Verification.dossier_id.in_(candidates)).order_by(Verification.id)):
            history[did].append((vid, verdict, created))
        latest = {did: rows[-1][0] for did, rows in history.items()}
        accounts = dict(db.execute(select(Verification.id, Verification.account)
                                   .where(Verification.id.in_(latest.values()))).all())
        codes: dict[int, list[str]] = defaultdict(list)
        for vid, code in db.execute(
                select(FindingRecord.verification_id, FindingRecord.code)
                .where(FindingRecord.verification_id.in_(latest.values()))
                .order_by(FindingRecord.position)):
            codes[vid].append(code)
        events = _events(db, list(candidates))
        decision_of = {did: next((e for e, _ in reversed(es) if e.action in DECISIONS), None)
                       for did, es in events.items()}
        wanted = set(latest.values()) | {e.verification_id for e in decision_of.values()
                                         if e is not None and e.verification_id is not None}
        files: dict[int, set[tuple[str, str]]] = defaultdict(set)
        uploads: dict[int, datetime | None] = {}
        for vid, key, version, uploaded, stored in db.execute(
                select(Piece.verification_id, Piece.object_key, Piece.version,
                       Piece.uploaded_at, Piece.stored_at)
                .where(Piece.verification_id.in_(wanted))):
            files[vid].add((key, version))
            moment = uploaded or stored
            if uploads.get(vid) is None or moment > uploads[vid]:  # type: ignore[operator]
                uploads[vid] = moment
        states = []
        for did, rows in history.items():
            vid, verdict, _ = rows[-1]
            assign = next((e for e, _ in reversed(events.get(did, []))
                           if e.action == Action.ASSIGN.value), None)
            decision = decision_of.get(did)
            names = dict((e.id, name) for e, name in events.get(did, []))
            states.append(DossierState(
                dossier_id=did, candidate_id=candidates[did], verification_id=vid,
                verdict=verdict, account=accounts[vid], codes=tuple(codes[vid]),
                flagged_since=_flagged_since(rows), files=frozenset(files[vid]),
                last_upload=uploads.get(vid),
                assignee_id=assign.after.get("assignee_id") if assign else None,
                assignee=assign.after.get("assignee") if assign else None,
                decision=_entry(decision, names[decision.id]) if decision else None,
                decision_files=(frozenset(files[decision.verification_id])
                                if decision and decision.verification_id else None),
            ))
        return states


def _flagged_since(rows: list[tuple[int, str, datetime]]) -> datetime:
    """When the dossier's current verdict started: the first of its latest same-verdict run."""
    since = rows[-1][2]
    for _, verdict, created in reversed(rows):
        if (verdict == "ok") != (rows[-1][1] == "ok"):
            break
        since = created
    return since


def _events(db: Session, dossier_ids: list[int]) -> dict[int, list[tuple[AuditEvent, str]]]:
    found: dict[int, list[tuple[AuditEvent, str]]] = defaultdict(list)
    for event, actor in db.execute(
            select(AuditEvent, StaffUser.display_name)
            .join(StaffUser, StaffUser.id == AuditEvent.actor_id)
            .where(AuditEvent.dossier_id.in_(dossier_ids)).order_by(AuditEvent.id)):
        found[event.dossier_id].append((event, actor))
    return found


def findings_of(engine: Engine, verification_ids: list[int]) -> dict[int, list[Finding]]:
    """Verification id -> its findings, in check order."""
    found: dict[int, list[Finding]] = defaultdict(list)
    with Session(engine) as db:
        for record in db.scalars(select(FindingRecord)
                                 .where(FindingRecord.verification_id.in_(verification_ids))
                                 .order_by(FindingRecord.verification_id,
                                           FindingRecord.position)):
            found[record.verification_id].append(Finding(
                code=record.code, slot=record.slot, severity=record.severity,
                message=record.message, evidence=record.evidence))
    return found


def audit_log(engine: Engine, dossier_id: int) -> list[AuditEntry]:
    """A dossier's audit log, oldest first."""
    with Session(engine) as db:
        return [_entry(event, actor) for event, actor in _events(db, [dossier_id])[dossier_id]]


def record_event(engine: Engine, *, dossier_id: int, actor_id: int, action: Action,
                 verification_id: int | None, before: dict[str, Any], after: dict[str, Any],
                 comment: str | None) -> int:
    """Append one event to the audit log."""
    with Session(engine) as db, db.begin():
        event = AuditEvent(dossier_id=dossier_id, actor_id=actor_id, at=now(),
                           action=action.value, verification_id=verification_id,
                           before=before, after=after, comment=comment or None)
        db.add(event)
        db.flush()
        return event.id


def verification_detail(engine: Engine, verification_id: int) -> Verification:
    """A verification with its pieces, findings and dossier loaded, detached from the session."""
    with Session(engine, expire_on_commit=False) as db:
        return db.scalars(
            select(Verification)
            .options(selectinload(Verification.pieces), selectinload(Verification.findings),
                     selectinload(Verification.dossier))
            .where(Verification.id == verification_id)
        ).one()


def verification_history(engine: Engine, dossier_id: int
                         ) -> list[tuple[Verification, Run, list[str]]]:
    """Every verification of a dossier, newest first, with its run and finding codes."""
    with Session(engine, expire_on_commit=False) as db:
        rows = db.execute(
            select(Verification, Run).join(Run, Run.id == Verification.run_id)
            .where(Verification.dossier_id == dossier_id).order_by(Verification.id.desc())
        ).all()
        codes: dict[int, list[str]] = defaultdict(list)
        for vid, code in db.execute(
                select(FindingRecord.verification_id, FindingRecord.code)
                .where(FindingRecord.verification_id.in_([v.id for v, _ in rows]))
                .order_by(FindingRecord.position)):
            codes[vid].append(code)
        return [(v, run, codes[v.id]) for v, run in rows]


def piece_with_source(engine: Engine, piece_id: int) -> tuple[Piece, str, int] | None:
    """A stored piece, the source URI its run read it from, and its dossier's id."""
    with Session(engine, expire_on_commit=False) as db:
        row = db.execute(
            select(Piece, Run.source, Verification.dossier_id)
            .join(Verification, Verification.id == Piece.verification_id)
            .join(Run, Run.id == Verification.run_id)
            .where(Piece.id == piece_id)
        ).first()
        return (row[0], row[1], row[2]) if row else None


def dossier_session(engine: Engine, dossier_id: int) -> str | None:
    """The session a dossier belongs to, or None when there is no such dossier."""
    with Session(engine) as db:
        return db.scalar(select(Dossier.session).where(Dossier.id == dossier_id))


def last_run(engine: Engine, session: str) -> Run | None:
    """The session's most recent run."""
    with Session(engine, expire_on_commit=False) as db:
        return db.scalar(select(Run).where(Run.session == session)
                         .order_by(Run.id.desc()).limit(1))


def staff_count(engine: Engine) -> int:
    """How many staff accounts exist (zero: the app says how to create one)."""
    with Session(engine) as db:
        return db.scalar(select(func.count()).select_from(StaffUser)) or 0


def run_history(engine: Engine, session: str) -> list[tuple[Run, dict[str, int]]]:
    """Every successful run of the session, oldest first, with its dossiers' verdict counts."""
    with Session(engine, expire_on_commit=False) as db:
        runs = list(db.scalars(select(Run).where(Run.session == session,
                                                 Run.status == "succeeded").order_by(Run.id)))
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for run_id, verdict, count in db.execute(
                select(RunDossier.run_id, Verification.verdict, func.count())
                .join(Verification, Verification.id == RunDossier.verification_id)
                .where(RunDossier.run_id.in_([r.id for r in runs]))
                .group_by(RunDossier.run_id, Verification.verdict)):
            counts[run_id][verdict] = count
        return [(run, counts[run.id]) for run in runs]


def upload_times(engine: Engine, verification_ids: list[int]) -> list[datetime]:
    """When each file of these verifications was uploaded (storage time when unknown)."""
    with Session(engine) as db:
        return [uploaded or stored for uploaded, stored in db.execute(
            select(Piece.uploaded_at, Piece.stored_at)
            .where(Piece.verification_id.in_(verification_ids)))]
