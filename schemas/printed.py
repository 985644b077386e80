"""The printed (visual) zone of an identity document as read by OCR: names with accents, dates."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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
