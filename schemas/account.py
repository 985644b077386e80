"""A candidate's account as exported by the registration platform (one accounts.csv row)."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class CandidateStatus(StrEnum):
    """Kind of individual candidate."""

    CNED = "cned"
    AJOURNE = "ajourne"
    INDIVIDUEL = "individuel"


class Account(BaseModel):
    """The civil status and choices the candidate typed, parsed from accounts.csv."""

    model_config = ConfigDict(frozen=True)

    candidate_id: str
    session: str
    exam: str
    specialty_code: str
    specialty: str
    managing_academy: str
    civility: str
    birth_name: str
    usage_name: str | None
    given_names: tuple[str, ...]
    birth_date: date
    birth_place: str
    birth_country: str
    nationality: str
    email: str
    postal_code: str
    city: str
    status: CandidateStatus
    handicap: bool
    options: tuple[str, ...]
    pieces_confirmed_at: datetime | None
    registered_at: datetime | None
    # Extra columns the export may carry, kept verbatim (the contract lets it grow).
    extra: tuple[tuple[str, str], ...] = ()
    # Where the row sits in accounts.csv, and a digest of the whole row: any edit to the row
    # makes the dossier "changed" for the next run.
    source_line: int = 0
    row_digest: str = ""
