"""Reminders sent to candidates, and the findings they are composed from."""

from collections import defaultdict

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from database.models import FindingRecord, Reminder
from database.repository import now
from reporting.reminders import Reminder as ReminderMail
from schemas.findings import Finding


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


def sent_states(engine: Engine) -> set[tuple[int, str]]:
    """(dossier id, state key) of every reminder that reached the mail server."""
    with Session(engine) as db:
        return set(db.execute(select(Reminder.dossier_id, Reminder.state_key)
                              .where(Reminder.status == "sent")).tuples())


def record_reminder(engine: Engine, mail: ReminderMail, *, sent: bool,
                    error: str | None = None) -> None:
    """Keep the message as sent (or the reason it was not)."""
    with Session(engine) as db, db.begin():
        db.add(Reminder(dossier_id=mail.dossier_id, verification_id=mail.verification_id,
                        state_key=mail.state_key, recipient=mail.recipient,
                        subject=mail.subject, body=mail.body, at=now(),
                        status="sent" if sent else "failed", error=error))
