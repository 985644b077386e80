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

    @property
    def issue_month(self) -> tuple[int, int] | None:
        """Year and month the 1988-2021 card was issued (its number's YYMM), else None.

        That card's MRZ states no expiry: its validity runs from this month.
        """
        yymm = self.fields.get("issue_yymm", "") if self.format == "FRA_CNI_1988" else ""
        if len(yymm) != 4 or not yymm.isdigit() or not 1 <= int(yymm[2:]) <= 12:
            return None
        # The card was issued from 1988 to 2021.
        return int(yymm[:2]) + (1900 if int(yymm[:2]) >= 88 else 2000), int(yymm[2:])
