"""Evaluation reports: how justif's answers compare with the ground truth."""

from pydantic import BaseModel, ConfigDict, Field


class CodeScore(BaseModel):
    """Precision and recall of one finding code (matched on code and slot)."""

    model_config = ConfigDict(frozen=True)

    code: str
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float | None:
        """Share of the findings given that were right."""
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        """Share of the findings due that were given."""
        return self.correct / self.expected if self.expected else None


class FieldScore(BaseModel):
    """Exact reads of one field over the identity pieces that carry it."""

    model_config = ConfigDict(frozen=True)

    field: str
    total: int
    exact: int


class DossierOutcome(BaseModel):
    """One dossier's expected and given answers."""

    model_config = ConfigDict(frozen=True)

    candidate_id: str
    expected_verdict: str
    verdict: str
    missed: list[str] = Field(default_factory=list)  # "CODE@slot" due but not given
    extra: list[str] = Field(default_factory=list)  # given but not due
    false_clear: bool = False


class CorpusReport(BaseModel):
    """The full report over a labelled corpus."""

    model_config = ConfigDict(frozen=True)

    source: str
    dossiers: int
    verdict_accuracy: float
    confusion: dict[str, dict[str, int]]  # expected -> given -> count
    false_clears: list[str]
    automation_rate: float | None  # clean dossiers (expected ok) given ok
    codes: list[CodeScore]
    mrz_exact: FieldScore
    # Identity pieces uploaded, unbroken and not planted unreadable; wrong reads reported valid.
    mrz_readable: FieldScore | None = None
    mrz_wrong_valid: int | None = None
    printed_fields: list[FieldScore]
    signatures: FieldScore | None = None  # récapitulatifs judged signed / unsigned rightly
    seconds_per_dossier: float
    outcomes: list[DossierOutcome]


class ImageOutcome(BaseModel):
    """One outside specimen: what was expected and what was read."""

    model_config = ConfigDict(frozen=True)

    file: str
    format: str | None
    result: str  # exact | wrong_valid | wrong_invalid | miss | correct_negative | false_mrz
    read: list[str] | None = None
    seconds: float = 0.0
    # Whether the expected MRZ passes its own check digits (specimens exist that do not).
    expected_valid: bool | None = None


class IdImagesReport(BaseModel):
    """MRZ reading over outside specimen images (expected_mrz.json)."""

    model_config = ConfigDict(frozen=True)

    images: int
    by_format: dict[str, dict[str, int]]  # format -> result -> count
    seconds_per_image: float
    outcomes: list[ImageOutcome]
    median_seconds: float | None = None
    # Images whose expected MRZ passes its check digits, and how many of them read exactly.
    valid_mrz_images: int | None = None
    valid_mrz_exact: int | None = None


class PairOutcome(BaseModel):
    """One labelled civil-status pair: expected and given codes."""

    model_config = ConfigDict(frozen=True)

    pair_id: str
    relation: str  # same | different
    kind: str
    expected: list[str]
    given: list[str]
    differences: list[str] = Field(default_factory=list)  # kinds the comparator named

    @property
    def right(self) -> bool:
        """The codes given are exactly the codes expected (a code may come once per field)."""
        return set(self.expected) == set(self.given)

    @property
    def false_match(self) -> bool:
        """A different person let through: nothing for a person to review."""
        return self.relation == "different" and not set(self.given) - {"NAME_VARIANT"}


class PairsReport(BaseModel):
    """Civil-status matching scored on the labelled pairs, with or without the printed zone."""

    model_config = ConfigDict(frozen=True)

    sources: str  # "mrz+printed" | "mrz"
    pairs: int
    same: int
    different: int
    false_matches: list[str]
    same_right: int  # same-person pairs given exactly the expected codes
    codes: list[CodeScore]
    outcomes: list[PairOutcome]
