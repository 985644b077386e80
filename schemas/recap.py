"""What a récapitulatif d'inscription says, and whether it is signed, as read from one file."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class RecapContent(BaseModel):
    """The récapitulatif's fields as printed; a field not read stays None.

    `options` is () when the récapitulatif prints "aucune", None when it was not read.
    """

    model_config = ConfigDict(frozen=True)

    candidate_id: str | None = None
    birth_name: str | None = None
    usage_name: str | None = None
    given_names: tuple[str, ...] = ()
    birth_date: date | None = None
    specialty: str | None = None  # "MCO - Management commercial opérationnel"
    specialty_code: str | None = None
    options: tuple[str, ...] | None = None
    printed_on: date | None = None
    source: str = "ocr"  # "text_layer" or "ocr"


class SignatureReading(BaseModel):
    """Whether the page holds a handwritten signature where it belongs (CONTRACT.md §2).

    `confidence` is how sure justif is of `present`, either way: 50 is a toss-up, 100 a
    clear signature (or a clearly empty area).
    `box` is the area judged (x0, y0, x1, y1) as a share of the page's width and height,
    so that the staff app can crop any rendering of the page to it.
    """

    model_config = ConfigDict(frozen=True)

    present: bool
    confidence: int = Field(ge=0, le=100)
    page: int  # 1-based
    found_by: str  # label, below_label, box, page (extractors.signature.locate)
    box: tuple[float, float, float, float]
    strokes: int  # pen strokes found
    ink_length: float  # their length, in text heights
