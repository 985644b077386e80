"""Parse MRZ lines of a known format: fields, dates, names and every check digit."""

from datetime import date
from typing import Any

from extractors.mrz.checksum import check_digit
from extractors.mrz.formats import FRA_CNI_1988, TD1, CheckDigit, MrzFormat


def _span_text(lines: list[str], spans: tuple[tuple[int, int, int], ...]) -> str:
    return "".join(lines[line][start:end] for line, start, end in spans)


def _digit_at(lines: list[str], check: CheckDigit) -> str:
    char = lines[check.line][check.position]
    # A field left empty may carry a filler as its check digit (ICAO 9303-3, 4.9); any
    # other field must carry a digit.
    if char == "<" and set(_span_text(lines, check.spans)) == {"<"}:
        return "0"
    return char


def _td1_long_number(lines: list[str]) -> tuple[str, list[str]] | None:
    """TD1 numbers over 9 characters continue in the optional data, their check digit last.

    Returns the full number and the texts its check digit may cover: issuers disagree on
    whether the filler at position 15 counts (Belgian cards both ways).
    """
    if lines[0][14] != "<" or lines[0][15] == "<":
        return None
    rest = lines[0][15:30].split("<")[0]
    if len(rest) < 2:
        return None
    number = lines[0][5:14] + rest[:-1]
    return number, [lines[0][5:15] + rest[:-1], number], rest[-1]  # type: ignore[return-value]


def check_results(fmt: MrzFormat, lines: list[str]) -> dict[str, bool]:
    """Which check digits of the format pass."""
    results = {}
    long_number = _td1_long_number(lines) if fmt is TD1 else None
    for check in fmt.checks:
        if check.name == "document_number" and long_number is not None:
            _, covered, digit = long_number  # type: ignore[misc]
            results[check.name] = digit.isdigit() and any(
                check_digit(text) == digit for text in covered)
            continue
        digit = _digit_at(lines, check)
        text = _span_text(lines, check.spans)
        try:
            results[check.name] = digit.isdigit() and check_digit(text) == digit
        except ValueError:
            results[check.name] = False
    return results


def _clean(value: str) -> str:
    return value.strip("<").replace("<", " ")


def _may_be_cut(field: str, separator: str) -> bool:
    """Whether a name field could have lost its end: too few fillers left for one more name.

    Issuers cut a name at the field's end, or drop a whole given name that no longer fits
    after its separator (`<` in TD1/TD3, `<<` on the 1988 card).
    """
    return len(field) - len(field.rstrip("<")) <= len(separator)


def names(fmt: MrzFormat, lines: list[str]) -> dict[str, Any]:
    """Surname and given names, and which of them may be cut at a full field's end."""
    if fmt is FRA_CNI_1988:
        line, start, end = fmt.names[0]
        surname_field = lines[line][start:end]
        line, start, end = fmt.names[1]
        given_field = lines[line][start:end]
        given = [_clean(n) for n in given_field.split("<<") if _clean(n)]
        surname_cut = not surname_field.endswith("<")
        given_cut = _may_be_cut(given_field, "<<")
        return {"surname": _clean(surname_field), "given_names": given,
                "truncated": surname_cut or given_cut, "surname_truncated": surname_cut,
                "given_names_truncated": given_cut}
    line, start, end = fmt.names[0]
    field = lines[line][start:end]
    surname, _, given = field.partition("<<")
    given_names = [word for word in given.split("<") if word]
    # One field holds both: when it is full, the last part written is the one cut, and a
    # surname that fills it leaves no room for any given name.
    surname_cut = not given_names and not field.endswith("<")
    given_cut = _may_be_cut(field, "<" if given_names else "<<")
    return {"surname": _clean(surname), "given_names": given_names,
            "truncated": surname_cut or given_cut, "surname_truncated": surname_cut,
            "given_names_truncated": given_cut}


def mrz_date(text: str, *, future: bool, today: date | None = None) -> date | None:
    """YYMMDD as a date; the century is the one that makes sense for the field."""
    if len(text) != 6 or not text.isdigit():
        return None
    year, month, day = int(text[:2]), int(text[2:4]), int(text[4:])
    today = today or date.today()
    century = 2000
    if not future and 2000 + year > today.year:
        century = 1900  # a birth date is never in the future
    try:
        return date(century + year, month, day)
    except ValueError:
        return None


def fields(fmt: MrzFormat, lines: list[str]) -> dict[str, Any]:
    """Every field of the format, names split, dates as ISO when they are dates."""
    values: dict[str, Any] = {f.name: lines[f.line][f.start:f.end] for f in fmt.fields}
    for key, value in list(values.items()):
        # Codes keep their fillers ("D<<" is Germany, "<" an unspecified sex); other fields
        # end where their fillers begin.
        if key not in ("document_code", "issuing_state", "nationality", "sex", "birth_date",
                       "expiry_date"):
            values[key] = value.rstrip("<")
    if fmt is TD1:
        long_number = _td1_long_number(lines)
        if long_number is not None:
            values["document_number"] = long_number[0]
            values["optional_data_1"] = ""
    values.update(names(fmt, lines))
    birth = mrz_date(values.get("birth_date", ""), future=False)
    expiry = mrz_date(values.get("expiry_date", ""), future=True)
    values["birth_date_iso"] = birth.isoformat() if birth else None
    values["expiry_date_iso"] = expiry.isoformat() if expiry else None
    return values
