"""A machine-readable zone as read: format, lines, fields, which check digits pass."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Repair(BaseModel):
    """One character the reader changed, and why."""

    model_config = ConfigDict(frozen=True)

    line: int
    position: int
    read: str
    kept: str
    reason: str  # "field type" (a letter in a digit field...) or "check digit"


class MrzReading(BaseModel):
    """The MRZ of one document; `valid` only when every check digit of the format passes."""

    model_config = ConfigDict(frozen=True)

    format: str  # TD1 | TD2 | TD3 | MRVA | MRVB | FRA_CNI_1988 | FRA_DL
    lines: list[str]
    valid: bool
    confidence: int = Field(ge=0, le=100)
    fields: dict[str, Any]
    checks: dict[str, bool]
    repairs: list[Repair] = Field(default_factory=list)
    # Where the reading came from: engine, page, rotation, band box, attempts.
    source: dict[str, Any] = Field(default_factory=dict)

    @property
    def verified(self) -> bool:
        """Every check digit and field rule holds, though name letters may be uncertain.

        No check digit covers names: a letter the reader could not settle (E or F) leaves the
        reading short of `valid`, yet its number and dates are as sure as a valid one's; so
        does a state code outside ISO 3166 and ICAO's list, which no check digit covers.
        """
        return self.valid or bool(self.fields.get("uncertain_letters")
                                  or self.fields.get("unknown_state_codes"))
