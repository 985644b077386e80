"""Staff accounts, triage states, decisions and audit entries of the staff web app."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class Role(StrEnum):
    """What a staff account may do: agents decide, supervisors also assign others."""

    AGENT = "agent"
    SUPERVISEUR = "superviseur"
    ADMIN = "admin"


class StaffUser(BaseModel):
    """A signed-in staff member, as the app passes it around (never the password hash)."""

    model_config = ConfigDict(frozen=True)

    id: int
    username: str
    display_name: str
    role: Role

    @property
    def assigns_others(self) -> bool:
        """Supervisors and admins hand dossiers to colleagues; agents take them for themselves."""
        return self.role in (Role.SUPERVISEUR, Role.ADMIN)


class Action(StrEnum):
    """What a staff member did to a dossier; every one is an audit event."""

    ASSIGN = "assign"
    VALIDATE = "validate"
    REQUEST_PIECE = "request_piece"
    REJECT = "reject"
    CORRECT_ACCOUNT = "correct_account"


DECISIONS = frozenset({Action.VALIDATE, Action.REQUEST_PIECE, Action.REJECT,
                       Action.CORRECT_ACCOUNT})

ACTION_LABELS: dict[Action, str] = {
    Action.ASSIGN: "Attribution",
    Action.VALIDATE: "Dossier validé",
    Action.REQUEST_PIECE: "Nouvelle pièce demandée",
    Action.REJECT: "Dossier rejeté",
    Action.CORRECT_ACCOUNT: "Compte corrigé",
}


class TriageStatus(StrEnum):
    """Where a dossier stands for staff."""

    TO_DO = "a_traiter"  # flagged, no decision yet
    REOPENED = "rouvert"  # decided, then the candidate uploaded again
    DECIDED = "decide"
    CLEAR = "conforme"  # verdict ok and never decided: not in the queue


STATUS_LABELS: dict[TriageStatus, str] = {
    TriageStatus.TO_DO: "À traiter",
    TriageStatus.REOPENED: "Rouvert",
    TriageStatus.DECIDED: "Décidé",
    TriageStatus.CLEAR: "Conforme",
}


class AuditEntry(BaseModel):
    """One line of a dossier's audit log: who, when, what, before and after."""

    model_config = ConfigDict(frozen=True)

    id: int
    at: datetime
    actor: str
    action: Action
    verification_id: int | None
    before: dict[str, Any]
    after: dict[str, Any]
    comment: str | None

    @property
    def label(self) -> str:
        """The action in French."""
        return ACTION_LABELS[self.action]


class DossierState(BaseModel):
    """A dossier's latest verification with what staff did to it, enough to queue it."""

    model_config = ConfigDict(frozen=True)

    dossier_id: int
    candidate_id: str
    verification_id: int
    verdict: str
    account: dict[str, Any]
    codes: tuple[str, ...]
    flagged_since: datetime
    # The latest verification's files: (key, version) pairs; a decision on other files is stale.
    files: frozenset[tuple[str, str]]
    last_upload: datetime | None
    assignee_id: int | None = None
    assignee: str | None = None
    decision: AuditEntry | None = None
    decision_files: frozenset[tuple[str, str]] | None = None


class Decision(BaseModel):
    """A decision as a form submits it, validated before it is recorded."""

    model_config = ConfigDict(frozen=True)

    action: Action
    comment: str | None = None
    slot: str | None = None  # request_piece
    reason: str | None = None  # request_piece
    field: str | None = None  # correct_account
    new_value: str | None = None  # correct_account
