"""A synthetic candidate: the civil status the documents show and the account repeats."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Person:
    """Civil status as printed on the identity document (accents and full spelling)."""

    surname: str
    given_names: tuple[str, ...]
    sex: str  # "F" or "M"
    birth_date: date
    birth_place: str
    usage_name: str | None = None
    nationality: str = "FRA"
    document_number: str = "X4RTBPFW4"
    issue_date: date = date(2021, 6, 2)
    expiry_date: date = date(2031, 6, 1)
    extra: dict[str, str] = field(default_factory=dict)
