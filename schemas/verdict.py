"""The verdict of one dossier: one line of results.jsonl (CONTRACT.md §3)."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from schemas.findings import Finding


class Verdict(StrEnum):
    """What happens to the dossier next."""

    OK = "ok"
    REVIEW = "review"
    INCOMPLETE = "incomplete"


# How staff read each verdict, in the web app and in the run's artifacts.
VERDICT_LABELS = {Verdict.OK.value: "Conforme", Verdict.REVIEW.value: "À examiner",
                  Verdict.INCOMPLETE.value: "Incomplet"}


class IdentitySummary(BaseModel):
    """What was read from the identity piece, as the contract shows it."""

    model_config = ConfigDict(frozen=True)

    document_type: str | None = None
    surname: str | None = None
    given_names: list[str] | None = None
    birth_date: date | None = None
    expiry_date: date | None = None
    document_number: str | None = None
    mrz_valid: bool | None = None


class DossierVerdict(BaseModel):
    """A dossier's verdict, its findings in check order, and the identity read."""

    model_config = ConfigDict(frozen=True)

    candidate_id: str
    verdict: Verdict
    findings: list[Finding]
    identity: IdentitySummary | None = None

    def to_json_line(self) -> str:
        """Serialise as one line of results.jsonl."""
        return self.model_dump_json()
