"""The printed (visual) zone of an identity document as read by OCR: names with accents, dates."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# A page is an identity document's side when this many of the words only such documents
# print are read on it (titles, SEXE, TAILLE, NATIONALITÉ, ADRESSE...: IDENTITY_CUES in
# extractors.printed.fields); the récapitulatif also prints Nom, Prénoms and Date de
# naissance, so those do not count.
_SIDE_CUES = 2


class PrintedZone(BaseModel):
    """What the document prints beside the photo; absent values stay None."""

    model_config = ConfigDict(frozen=True)

    surname: str | None = None
    usage_name: str | None = None  # "Nom d'usage" or "épouse / veuve X"
    given_names: tuple[str, ...] = ()
    birth_date: date | None = None
    expiry_date: date | None = None
    confidence: int = Field(default=0, ge=0, le=100)
    # Where the values came from: engine, page, rotation, the label each was found under.
    source: dict[str, Any] = Field(default_factory=dict)

    @property
    def names_shown(self) -> int:
        """How many of surname, given names and usage name were read: a side's rank."""
        return bool(self.surname) + bool(self.given_names) + bool(self.usage_name)

    @property
    def shows_identity_document(self) -> bool:
        """Whether the page is an identity document's side: enough of its own words read.

        Or it prints the expiry ten years after the issue month of the 1988 card's MRZ read
        beside it: that card's back, its small labels unread. Or one such word and the very
        expiry date the MRZ states: the residence permit's front, whose small labels are
        rarely read but its title is; no other piece prints a document's expiry.
        """
        cues = len(self.source.get("identity_cues", []))
        return (cues >= _SIDE_CUES or bool(self.source.get("expiry_by_issue_month"))
                or (cues >= 1 and bool(self.source.get("mrz_expiry_printed"))))
