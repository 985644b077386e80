"""Tables. Verifications are append-only: a later run adds rows, it never rewrites a verdict."""

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from database.types import UTCDateTime


class Base(DeclarativeBase):
    """Declarative base: UTC timestamps and JSON documents."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(), dict[str, Any]: JSON}


class Run(Base):
    """One batch over one source."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(1000))
    session: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    rules_digest: Mapped[str] = mapped_column(String(64))
    code_digest: Mapped[str] = mapped_column(String(64))
    upload_times: Mapped[str | None] = mapped_column(String(20))
    prefect_flow_run_id: Mapped[str | None] = mapped_column(String(64))
    dossiers: Mapped[int] = mapped_column(default=0)
    verified: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    files_read: Mapped[int] = mapped_column(default=0)
    orphan_dossiers: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)


class Dossier(Base):
    """A candidate of a session; its verifications are its history."""

    __tablename__ = "dossiers"
    __table_args__ = (UniqueConstraint("session", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session: Mapped[str] = mapped_column(String(20))
    candidate_id: Mapped[str] = mapped_column(String(40))
    first_seen_at: Mapped[datetime]

    verifications: Mapped[list["Verification"]] = relationship(
        back_populates="dossier", order_by="Verification.id")


class Verification(Base):
    """One judgement of a dossier: the account and files as they were, the findings, a verdict."""

    __tablename__ = "verifications"
    __table_args__ = (Index("ix_verifications_dossier", "dossier_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    created_at: Mapped[datetime]
    fingerprint: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(20))
    account: Mapped[dict[str, Any]]
    identity: Mapped[dict[str, Any] | None]

    dossier: Mapped[Dossier] = relationship(back_populates="verifications")
    pieces: Mapped[list["Piece"]] = relationship(order_by="Piece.id")
    findings: Mapped[list["FindingRecord"]] = relationship(order_by="FindingRecord.position")


class Piece(Base):
    """One uploaded file as seen by a verification, and its outcome."""

    __tablename__ = "pieces"

    id: Mapped[int] = mapped_column(primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    object_key: Mapped[str] = mapped_column(String(1000))
    slot: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(500))
    size: Mapped[int]
    version: Mapped[str] = mapped_column(String(100))  # ETag, or size-mtime for a directory
    sha256: Mapped[str | None] = mapped_column(String(64))
    stored_at: Mapped[datetime]
    uploaded_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(String(20))  # read | unreadable
    problem: Mapped[str | None] = mapped_column(String(40))
    extraction: Mapped[dict[str, Any]]


class FindingRecord(Base):
    """A finding of a verification, in check order."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(40), index=True)
    slot: Mapped[str | None] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict[str, Any]]


class RunDossier(Base):
    """Which verification stands for each dossier in a run: new, or reused when unchanged."""

    __tablename__ = "run_dossiers"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"))
    reused: Mapped[bool]


class StaffUser(Base):
    """An exam-office account of the staff app; its role says what it may do."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # agent | superviseur | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class StaffSession(Base):
    """A signed-in browser: the cookie's token is stored hashed, with its expiry."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginAttempt(Base):
    """One sign-in attempt, for rate limiting; the client is the remote address."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),
                      Index("ix_login_attempts_client_at", "client", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    succeeded: Mapped[bool]


class AuditEvent(Base):
    """A staff action on a dossier (assignment or decision). Append-only: rows never change."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_dossier", "dossier_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(30))
    # The verification the actor was looking at: a later upload re-opens a decision.
    verification_id: Mapped[int | None] = mapped_column(ForeignKey("verifications.id"))
    before: Mapped[dict[str, Any]]
    after: Mapped[dict[str, Any]]
    comment: Mapped[str | None] = mapped_column(Text)


class Reminder(Base):
    """An e-mail to a candidate about an incomplete dossier; the state says what it named."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_dossier_state", "dossier_id", "state_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"))
    # sha256 of what is missing: the same state is never reminded twice.
    state_key: Mapped[str] = mapped_column(String(64))
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20))  # sent | failed
    error: Mapped[str | None] = mapped_column(Text)
