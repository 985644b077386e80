"""The MRZ formats justif knows: line layout, field positions and types, check digits."""

from dataclasses import dataclass

# What a position may hold: digits, letters, either, or the filler only.
DIGIT, ALPHA, ALNUM = "9", "A", "X"


@dataclass(frozen=True)
class MrzField:
    """A field: line index, slice, character type."""

    name: str
    line: int
    start: int
    end: int
    kind: str  # DIGIT | ALPHA | ALNUM


@dataclass(frozen=True)
class CheckDigit:
    """A check digit at (line, position) over spans of (line, start, end)."""

    name: str
    line: int
    position: int
    spans: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class MrzFormat:
    """A layout of the MRZ."""

    name: str
    line_count: int
    width: int
    fields: tuple[MrzField, ...]
    checks: tuple[CheckDigit, ...]
    # Fields holding names: surname and given names separated by '<<'.
    names: tuple[tuple[int, int, int], ...] = ()


def _f(name: str, line: int, start: int, end: int, kind: str) -> MrzField:
    return MrzField(name, line, start, end, kind)


TD1 = MrzFormat(
    "TD1", 3, 30,
    fields=(
        _f("document_code", 0, 0, 2, ALPHA), _f("issuing_state", 0, 2, 5, ALPHA),
        _f("document_number", 0, 5, 14, ALNUM), _f("optional_data_1", 0, 15, 30, ALNUM),
        _f("birth_date", 1, 0, 6, DIGIT), _f("sex", 1, 7, 8, ALPHA),
        _f("expiry_date", 1, 8, 14, DIGIT), _f("nationality", 1, 15, 18, ALPHA),
        _f("optional_data_2", 1, 18, 29, ALNUM),
    ),
    checks=(
        CheckDigit("document_number", 0, 14, ((0, 5, 14),)),
        CheckDigit("birth_date", 1, 6, ((1, 0, 6),)),
        CheckDigit("expiry_date", 1, 14, ((1, 8, 14),)),
        CheckDigit("composite", 1, 29, ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29))),
    ),
    names=((2, 0, 30),),
)
# Line 2 of TD2 and TD3 starts alike: number, nationality, birth date, sex, expiry.
_LINE2_FIELDS = (
    _f("document_code", 0, 0, 2, ALPHA), _f("issuing_state", 0, 2, 5, ALPHA),
    _f("document_number", 1, 0, 9, ALNUM), _f("nationality", 1, 10, 13, ALPHA),
    _f("birth_date", 1, 13, 19, DIGIT), _f("sex", 1, 20, 21, ALPHA),
    _f("expiry_date", 1, 21, 27, DIGIT),
)
_LINE2_CHECKS = (
    CheckDigit("document_number", 1, 9, ((1, 0, 9),)),
    CheckDigit("birth_date", 1, 19, ((1, 13, 19),)),
    CheckDigit("expiry_date", 1, 27, ((1, 21, 27),)),
)
TD2 = MrzFormat(
    "TD2", 2, 36,
    fields=(*_LINE2_FIELDS, _f("optional_data", 1, 28, 35, ALNUM)),
    checks=(*_LINE2_CHECKS,
            CheckDigit("composite", 1, 35, ((1, 0, 10), (1, 13, 20), (1, 21, 35)))),
    names=((0, 5, 36),),
)
TD3 = MrzFormat(
    "TD3", 2, 44,
    fields=(*_LINE2_FIELDS, _f("personal_number", 1, 28, 42, ALNUM)),
    checks=(*_LINE2_CHECKS,
            CheckDigit("personal_number", 1, 42, ((1, 28, 42),)),
            CheckDigit("composite", 1, 43, ((1, 0, 10), (1, 13, 20), (1, 21, 43)))),
    names=((0, 5, 44),),
)
# Visas: like TD3 and TD2, without personal number or composite check digits.
MRVA = MrzFormat(
    "MRVA", 2, 44,
    fields=(*_LINE2_FIELDS, _f("optional_data", 1, 28, 44, ALNUM)),
    checks=_LINE2_CHECKS,
    names=((0, 5, 44),),
)
MRVB = MrzFormat(
    "MRVB", 2, 36,
    fields=(*_LINE2_FIELDS, _f("optional_data", 1, 28, 36, ALNUM)),
    checks=_LINE2_CHECKS,
    names=((0, 5, 36),),
)
# French identity card of 1988-2021: surname and administrative code on line 1; card number
# (issue year and month, department, sequence), given names, birth date, sex on line 2; the
# last check digit covers both lines.
FRA_CNI_1988 = MrzFormat(
    "FRA_CNI_1988", 2, 36,
    fields=(
        _f("document_code", 0, 0, 2, ALPHA), _f("issuing_state", 0, 2, 5, ALPHA),
        _f("administrative_code", 0, 30, 36, ALNUM), _f("document_number", 1, 0, 12, ALNUM),
        # The number is the year and month of issue, the issuing office, a sequence.
        _f("issue_yymm", 1, 0, 4, DIGIT), _f("office", 1, 4, 7, ALNUM),
        _f("sequence", 1, 7, 12, DIGIT),
        _f("birth_date", 1, 27, 33, DIGIT), _f("sex", 1, 34, 35, ALPHA),
    ),
    checks=(
        CheckDigit("document_number", 1, 12, ((1, 0, 12),)),
        CheckDigit("birth_date", 1, 33, ((1, 27, 33),)),
        CheckDigit("composite", 1, 35, ((0, 0, 36), (1, 0, 35))),
    ),
    names=((0, 5, 30), (1, 13, 27)),
)
# French driving licence (2013): one line; not an identity document the office accepts.
FRA_DL = MrzFormat(
    "FRA_DL", 1, 30,
    fields=(
        _f("document_code", 0, 0, 2, ALNUM), _f("issuing_state", 0, 2, 5, ALPHA),
        _f("document_number", 0, 5, 14, ALNUM), _f("expiry_date", 0, 15, 21, DIGIT),
    ),
    checks=(
        CheckDigit("document_number", 0, 14, ((0, 0, 14),)),
        CheckDigit("composite", 0, 29, ((0, 0, 29),)),
    ),
    names=((0, 21, 29),),
)

FORMATS = (TD1, TD2, TD3, MRVA, MRVB, FRA_CNI_1988, FRA_DL)
FORMAT_BY_NAME = {f.name: f for f in FORMATS}


# The document code's first letter tells the family: a passport is never read as a visa,
# since a visa's fewer check digits would let a misread passport pass.
_FAMILIES = {"P": ("TD3",), "V": ("MRVA", "MRVB"), "I": ("TD1", "TD2", "FRA_CNI_1988"),
             "A": ("TD1", "TD2"), "C": ("TD1", "TD2"), "D": ("FRA_DL",)}


def code_fits(fmt: MrzFormat, lines: list[str]) -> bool:
    """The document code belongs to the format.

    P for passports, V for visas, IDFRA for the 1988 French card, D1FRA for the licence.
    """
    first = lines[0]
    if fmt is FRA_CNI_1988:
        return first.startswith("IDFRA")
    if fmt is FRA_DL:
        return first.startswith("D1FRA")
    family = _FAMILIES.get(first[:1], ())
    return fmt.name in family


def candidate_formats(lines: list[str]) -> list[MrzFormat]:
    """Formats whose shape and document code fit the lines, most specific first.

    When OCR garbled the code's first letter, every format of the right shape is tried.
    """
    shape = (len(lines), max((len(line) for line in lines), default=0))
    first = lines[0] if lines else ""
    found = [f for f in FORMATS if (f.line_count, f.width) == shape]
    family = _FAMILIES.get(first[:1])
    if family is not None:
        # A passport's code on a 36-character reading is a misread, not a TD2 card.
        found = [f for f in found if f.name in family]
    # The laminated French card starts IDFRA like a TD2 card would.
    french = first[1:5] in ("DFRA",) or first.startswith("IDFRA")
    found.sort(key=lambda f: 0 if (f.name == "FRA_CNI_1988") == french else 1)
    return found
