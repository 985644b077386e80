"""The civil status of the identity document compared with the account, field by field."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Agreement(StrEnum):
    """How a document's value relates to the account's."""

    SAME = "same"
    VARIANT = "variant"  # only accents, hyphens/spaces, or via the usage name: NAME_VARIANT
    MISMATCH = "mismatch"


class Difference(StrEnum):
    """What exactly differs, so that the message can say it."""

    ACCENTS = "accents"
    SEPARATORS = "separators"  # hyphen, space or apostrophe typed differently, or left out
    USAGE_NAME = "usage_name"  # the document's surname is the account's usage name
    TRUNCATED = "truncated"  # the MRZ cut the name; the account's full form continues it
    USAGE_AS_BIRTH_NAME = "usage_as_birth_name"
    PARTICLE = "particle"  # de, du, le, d'... present on one side only
    TYPO = "typo"  # a letter or two changed, doubled, dropped or swapped
    DIFFERENT = "different"
    MISSING_GIVEN_NAMES = "missing_given_names"
    EXTRA_GIVEN_NAMES = "extra_given_names"
    ORDER = "order"
    DAY_MONTH_SWAP = "day_month_swap"
    SOURCES_DISAGREE = "sources_disagree"  # MRZ and printed zone read differently


class Source(StrEnum):
    """Where a document value was read."""

    MRZ = "mrz"
    PRINTED = "printed"
    MRZ_AND_PRINTED = "mrz+printed"  # both read, and they agree


class FieldComparison(BaseModel):
    """One field (surname, given names, birth date): document vs account, with the evidence."""

    model_config = ConfigDict(frozen=True)

    field: str  # surname | given_names | birth_date
    agreement: Agreement
    differences: tuple[Difference, ...] = ()
    document: str  # as shown to staff: the printed spelling when read, else the MRZ's
    account: str
    source: Source
    # rapidfuzz similarity (0-100) of the transliterated forms; 100 when they are equal.
    score: float
    detail: dict[str, Any] = Field(default_factory=dict)
