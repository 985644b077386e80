"""Read a récapitulatif d'inscription's fields: candidate number, names, birth date, choices."""

import re

from extractors.page_text import ReadPage
from extractors.printed.fields import (
    clean_name,
    label_of,
    parse_date,
    plain,
    split_given_names,
    value_of,
)
from extractors.printed.words import Segment, segments_of
from schemas.recap import RecapContent

# The platform's labels, in plain form (extractors.printed.fields.plain).
RECAP_LABELS: dict[str, tuple[str, ...]] = {
    "candidate_id": ("NUMERO DE CANDIDAT", "N DE CANDIDAT"),
    "civility": ("CIVILITE",),
    "birth_name": ("NOM DE NAISSANCE",),
    "usage_name": ("NOM D USAGE",),
    "given_names": ("PRENOMS", "PRENOM"),
    "birth_date": ("DATE DE NAISSANCE",),
    "specialty": ("SPECIALITE",),
    "options": ("EPREUVES FACULTATIVES",),
    "status": ("STATUT",),
    "handicap": ("HANDICAP",),
    "printed_on": ("EDITE LE",),
}
_ALL_FORMS = tuple(form for forms in RECAP_LABELS.values() for form in forms)
# Values stand in a column far from short labels ("Civilité :"): up to this many label
# heights to the right.
_VALUE_REACH = 30.0
# What the récapitulatif prints when no optional exam was chosen.
_NO_OPTION = {"AUCUNE", "AUCUN", "NEANT"}
# An optional exam's code has at least this many characters (MATHS, SPORT, LV2-ESP).
_MIN_OPTION = 4
# OCR reads these in digit-only values.
_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "S": "5",
                         "B": "8", "Z": "2"})


def _text(value: Segment | str | None) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else value.text
    return text.strip(" :|") or None


def _fields(segments: list[Segment]) -> dict[str, str | None]:
    """Each label's value, the first time the label is seen."""
    found: dict[str, str | None] = {}
    for segment in segments:
        labelled = label_of(segment, RECAP_LABELS)
        if labelled is None or labelled[0] in found:
            continue
        name, size = labelled
        value = value_of(segment, size, segments, _ALL_FORMS, _VALUE_REACH)
        found[name] = _text(_whole_row(value, segments) if isinstance(value, Segment)
                            else value)
    return found


def _whole_row(value: Segment, segments: list[Segment]) -> str:
    """The value, with the rest of its row when it is a list cut at a gap.

    A value ending with a comma goes on along its row ("LV2-ALL,   LV2-ITA").
    """
    if not value.text.rstrip().endswith((",", ";")):
        return value.text
    middle = (value.top + value.bottom) / 2
    rest = sorted((s for s in segments if s.left > value.right
                   and abs((s.top + s.bottom) / 2 - middle) < 0.4 * value.height),
                  key=lambda s: s.left)
    return " ".join([value.text, *(s.text for s in rest)])


def _candidate_id(text: str | None) -> str | None:
    if not text:
        return None
    digits = re.sub(r"\D", "", text.translate(_DIGITS))
    return digits or None


def _options(text: str | None) -> tuple[str, ...] | None:
    """The option codes, () for "aucune", None when what was read cannot be codes."""
    if text is None or text.rstrip().endswith((",", ";")):
        return None  # the list goes on where OCR read nothing
    items = tuple(plain(item).replace(" ", "-") for item in re.split(r"[,;]", text))
    items = tuple(item for item in items if item)
    if len(items) == 1 and items[0] in _NO_OPTION:
        return ()
    if not items or any(len(item) < _MIN_OPTION for item in items):
        return None  # OCR debris ("NS"), not an exam's code
    return items


def _specialty_code(text: str | None) -> str | None:
    if not text:
        return None
    code = plain(re.split(r"\s[-–—]\s|\s[-–—]|[-–—]\s", text, maxsplit=1)[0])
    return code.replace(" ", "") if 1 < len(code) <= 8 else None


def read_recap(page: ReadPage) -> RecapContent:
    """The récapitulatif's fields from its page's words (text layer or OCR)."""
    found = _fields(segments_of(list(page.words)))
    given = found.get("given_names")
    birth_name, usage_name = found.get("birth_name"), found.get("usage_name")
    birth = found.get("birth_date")
    printed = found.get("printed_on")
    return RecapContent(
        candidate_id=_candidate_id(found.get("candidate_id")),
        birth_name=clean_name(birth_name) or None if birth_name else None,
        usage_name=clean_name(usage_name) or None if usage_name else None,
        given_names=split_given_names(clean_name(given)) if given else (),
        birth_date=parse_date(birth) if birth else None,
        specialty=found.get("specialty"),
        specialty_code=_specialty_code(found.get("specialty")),
        options=_options(found.get("options")),
        printed_on=parse_date(printed) if printed else None,
        source=page.source,
    )
