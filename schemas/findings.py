"""Finding codes, severities and the Finding model of the verdict contract (CONTRACT.md §3-4)."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    """How a finding weighs on the verdict."""

    BLOCKING = "blocking"
    REVIEW = "review"
    INFO = "info"


class FindingCode(StrEnum):
    """Stable machine codes; the contract's codes first, justif's extensions after."""

    PIECE_MISSING = "PIECE_MISSING"
    PIECES_NOT_CONFIRMED = "PIECES_NOT_CONFIRMED"
    FILE_UNREADABLE = "FILE_UNREADABLE"
    IMAGE_QUALITY_LOW = "IMAGE_QUALITY_LOW"
    PIECE_WRONG_SLOT = "PIECE_WRONG_SLOT"
    ID_UNREADABLE = "ID_UNREADABLE"
    ID_MRZ_INVALID = "ID_MRZ_INVALID"
    ID_TYPE_NOT_ACCEPTED = "ID_TYPE_NOT_ACCEPTED"
    ID_EXPIRED = "ID_EXPIRED"
    SURNAME_MISMATCH = "SURNAME_MISMATCH"
    GIVEN_NAMES_MISMATCH = "GIVEN_NAMES_MISMATCH"
    BIRTHDATE_MISMATCH = "BIRTHDATE_MISMATCH"
    NAME_VARIANT = "NAME_VARIANT"
    SIGNATURE_MISSING = "SIGNATURE_MISSING"
    RECAP_CANDIDATE_MISMATCH = "RECAP_CANDIDATE_MISMATCH"
    RECAP_OUTDATED = "RECAP_OUTDATED"
    RESIDENCE_OUT_OF_AREA = "RESIDENCE_OUT_OF_AREA"
    LATE_UPLOAD = "LATE_UPLOAD"
    # Extensions (CONTRACT.md allows new codes).
    PIECES_CONFIRMED_LATE = "PIECES_CONFIRMED_LATE"
    PIECE_UNKNOWN_SLOT = "PIECE_UNKNOWN_SLOT"
    ROUTED_OTHER_ACADEMY = "ROUTED_OTHER_ACADEMY"
    MANUAL_CHECK_REQUIRED = "MANUAL_CHECK_REQUIRED"


SEVERITY_OF: dict[FindingCode, Severity] = {
    FindingCode.PIECE_MISSING: Severity.BLOCKING,
    FindingCode.PIECES_NOT_CONFIRMED: Severity.BLOCKING,
    FindingCode.FILE_UNREADABLE: Severity.BLOCKING,
    FindingCode.IMAGE_QUALITY_LOW: Severity.REVIEW,
    FindingCode.PIECE_WRONG_SLOT: Severity.REVIEW,
    FindingCode.ID_UNREADABLE: Severity.REVIEW,
    FindingCode.ID_MRZ_INVALID: Severity.REVIEW,
    FindingCode.ID_TYPE_NOT_ACCEPTED: Severity.REVIEW,
    FindingCode.ID_EXPIRED: Severity.REVIEW,
    FindingCode.SURNAME_MISMATCH: Severity.REVIEW,
    FindingCode.GIVEN_NAMES_MISMATCH: Severity.REVIEW,
    FindingCode.BIRTHDATE_MISMATCH: Severity.REVIEW,
    FindingCode.NAME_VARIANT: Severity.INFO,
    FindingCode.SIGNATURE_MISSING: Severity.REVIEW,
    FindingCode.RECAP_CANDIDATE_MISMATCH: Severity.REVIEW,
    FindingCode.RECAP_OUTDATED: Severity.REVIEW,
    FindingCode.RESIDENCE_OUT_OF_AREA: Severity.REVIEW,
    FindingCode.LATE_UPLOAD: Severity.INFO,
    # Confirmed after the deadline: the office decides whether the dossier still counts.
    FindingCode.PIECES_CONFIRMED_LATE: Severity.REVIEW,
    FindingCode.PIECE_UNKNOWN_SLOT: Severity.INFO,
    # Another académie checks the dossier: someone here must forward it.
    FindingCode.ROUTED_OTHER_ACADEMY: Severity.REVIEW,
    # A piece no check reads yet: never cleared without a person.
    FindingCode.MANUAL_CHECK_REQUIRED: Severity.REVIEW,
}


class Finding(BaseModel):
    """One thing a check noticed about a dossier, with the evidence staff need to judge it."""

    model_config = ConfigDict(frozen=True)

    code: FindingCode
    slot: str | None = None
    severity: Severity
    message: str
    evidence: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(
        cls, code: FindingCode, message: str, *, slot: str | None = None, **evidence: Any
    ) -> "Finding":
        """Build a finding with the code's contractual severity."""
        return cls(code=code, slot=slot, severity=SEVERITY_OF[code], message=message,
                   evidence=evidence)
