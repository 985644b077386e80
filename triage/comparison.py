"""The account next to the identity document, field by field, with differing letters marked."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz.distance import Levenshtein

from triage.decisions import account_value


@dataclass(frozen=True)
class Segment:
    """A run of characters, marked when it differs from the other side."""

    text: str
    differs: bool


@dataclass(frozen=True)
class ComparedField:
    """One civil-status field: the account's value, the document's, and which one it came from."""

    label: str
    account: tuple[Segment, ...]
    document: tuple[Segment, ...]
    source: str  # "zone imprimée", "MRZ" or "" when the document does not show it
    differs: bool


def mark_differences(left: str, right: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Both strings cut into runs, the edited runs marked; case is not a difference."""
    a, b = left.lower(), right.lower()
    if len(a) != len(left) or len(b) != len(right):  # rare letters whose lower case is longer
        a, b = left, right
    ours: list[Segment] = []
    theirs: list[Segment] = []
    for op in Levenshtein.opcodes(a, b):
        same = op.tag == "equal"
        if op.src_end > op.src_start:
            ours.append(Segment(left[op.src_start:op.src_end], not same))
        if op.dest_end > op.dest_start:
            theirs.append(Segment(right[op.dest_start:op.dest_end], not same))
    return tuple(ours), tuple(theirs)


def _field(label: str, account: str, document: str | None, source: str) -> ComparedField:
    if not document:
        return ComparedField(label, (Segment(account, False),) if account else (), (), "",
                             False)
    ours, theirs = mark_differences(account, document)
    return ComparedField(label, ours, theirs, source,
                         any(s.differs for s in ours + theirs))


def _french_date(iso: str | None) -> str | None:
    """2002-09-18 -> 18/09/2002, as staff write dates; anything else is left as it is."""
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else iso
    except ValueError:
        return iso


def compare_identity(account: dict[str, Any], printed: dict[str, Any] | None,
                     mrz_fields: dict[str, Any] | None) -> list[ComparedField]:
    """Surname, usage name, given names and birth date: account against the document.

    The printed zone carries accents and full spellings, so it is preferred; the MRZ stands in
    for what the printed zone did not give.
    """
    printed, mrz_fields = printed or {}, mrz_fields or {}

    def pick(printed_value: str | None, mrz_value: str | None) -> tuple[str | None, str]:
        if printed_value:
            return printed_value, "zone imprimée"
        return (mrz_value, "MRZ") if mrz_value else (None, "")

    surname, surname_from = pick(printed.get("surname"), mrz_fields.get("surname"))
    given, given_from = pick(", ".join(printed.get("given_names") or ()) or None,
                             ", ".join(mrz_fields.get("given_names") or ()) or None)
    born, born_from = pick(printed.get("birth_date"), mrz_fields.get("birth_date_iso"))
    return [
        _field("Nom de naissance", account_value(account, "birth_name"), surname, surname_from),
        _field("Nom d'usage", account_value(account, "usage_name"), printed.get("usage_name"),
               "zone imprimée"),
        _field("Prénoms", account_value(account, "given_names"), given, given_from),
        _field("Date de naissance", _french_date(account_value(account, "birth_date")) or "",
               _french_date(born), born_from),
    ]


def compare_recap(account: dict[str, Any], recap: dict[str, Any]) -> list[ComparedField]:
    """The récapitulatif's printed fields against the account: whose, and which choices."""
    source = "récapitulatif"

    def joined(values: list[str] | None) -> str | None:
        return ", ".join(values) if values else None

    options = recap.get("options")
    return [
        _field("N° de candidat", account_value(account, "candidate_id"),
               recap.get("candidate_id"), source),
        _field("Nom de naissance", account_value(account, "birth_name"),
               recap.get("birth_name"), source),
        _field("Prénoms", account_value(account, "given_names"),
               joined(recap.get("given_names")), source),
        _field("Date de naissance", _french_date(account_value(account, "birth_date")) or "",
               _french_date(recap.get("birth_date")), source),
        _field("Spécialité", account_value(account, "specialty_code"),
               recap.get("specialty_code"), source),
        # () is "aucune" printed; None is "not read".
        _field("Options", account_value(account, "options") or "aucune",
               (joined(options) or "aucune") if options is not None else None, source),
    ]
