"""Reminders sent to candidates: which states were already reminded, and every message."""

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from database.models import Reminder
from database.repository import now
from reporting.reminders import Reminder as ReminderMail


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
