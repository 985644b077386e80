"""A session's configuration: dates, area and which pieces each candidate must provide."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.slots import Slot


class RequirementRule(BaseModel):
    """When a slot is required; every condition given must hold (an empty rule: always)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nationality_in: tuple[str, ...] | None = None
    status_in: tuple[str, ...] | None = None
    status_not_in: tuple[str, ...] | None = None
    handicap: bool | None = None
    # Age strictly below this many years on the deadline day.
    younger_than: int | None = None
    # Why the piece is required, in French, quoted in PIECE_MISSING messages.
    reason: str = ""


class SessionRules(BaseModel):
    """Everything about a session that changes from one year to the next."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    session: str
    academy: str
    academy_label: str
    timezone: str = "Europe/Paris"
    registration_opens: datetime
    registration_closes: datetime
    deadline: datetime
    departments: tuple[str, ...]
    max_file_size_mb: float = Field(gt=0)
    # The day identity documents must still be valid on; the deadline's day when not given.
    identity_valid_on: date | None = None
    required_pieces: dict[Slot, RequirementRule]
    # sha256 of the configuration file, so that a rules change re-verifies every dossier.
    digest: str = ""

    @model_validator(mode="after")
    def _attach_zone(self) -> "SessionRules":
        # Dates in the file are written as the office reads them, in local time.
        zone = ZoneInfo(self.timezone)
        for name in ("registration_opens", "registration_closes", "deadline"):
            value: datetime = getattr(self, name)
            if value.tzinfo is None:
                object.__setattr__(self, name, value.replace(tzinfo=zone))
        if not self.registration_opens < self.registration_closes <= self.deadline:
            raise ValueError("les dates doivent se suivre : ouverture < clôture <= date limite")
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The session's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def deadline_date(self) -> date:
        """The deadline's calendar day in the session's zone."""
        return self.deadline.astimezone(self.zone).date()

    @property
    def identity_reference_day(self) -> date:
        """The day an identity document must be valid on."""
        return self.identity_valid_on or self.deadline_date

    @property
    def max_file_size_bytes(self) -> int:
        """Largest accepted file, in bytes."""
        return int(self.max_file_size_mb * 1024 * 1024)
