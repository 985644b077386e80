"""From OCR's raw lines to the best MRZ reading, repaired by field type and check digits."""

import re

from extractors.mrz.formats import ALPHA, DIGIT, MrzFormat, candidate_formats
from extractors.mrz.parse import check_results, fields
from schemas.mrz import MrzReading, Repair

# Confusions of OCR on the OCR-B font, both ways (ICAO 9303 and PassportEye's experience).
TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "T": "1", "J": "1",
            "Z": "2", "S": "5", "B": "8", "G": "6", "A": "4", "Y": "4", "E": "8"}
TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T",
             "3": "B", "9": "G"}
_WIDTHS = (30, 36, 44)
_OUTSIDE = re.compile(r"[^A-Z0-9<]")


def normalise(raw: str, width: int) -> str:
    """Upper case, no spaces, lookalikes of the filler made fillers, cut or padded to width."""
    text = raw.upper().replace(" ", "")
    for lookalike in "«‹(<[{£€":
        text = text.replace(lookalike, "<")
    text = _OUTSIDE.sub("<", text)
    if len(text) > width:
        # OCR adds fillers at the end more often than at the start.
        text = text[:width] if text[width:].strip("<") == "" else text[-width:]
    return text.ljust(width, "<")


def _set(lines: list[str], line: int, position: int, char: str) -> None:
    text = lines[line]
    lines[line] = text[:position] + char + text[position + 1:]


def _type_repairs(fmt: MrzFormat, lines: list[str]) -> list[Repair]:
    """Letters in digit fields, digits in letter fields, stray letters among name fillers."""
    repairs = []

    def fix(line: int, position: int, table: dict[str, str]) -> None:
        char = lines[line][position]
        if char in table:
            _set(lines, line, position, table[char])
            repairs.append(Repair(line=line, position=position, read=char, kept=table[char],
                                  reason="field type"))

    for field in fmt.fields:
        table = TO_DIGIT if field.kind == DIGIT else TO_LETTER if field.kind == ALPHA else None
        if table is not None:
            for position in range(field.start, field.end):
                fix(field.line, position, table)
    for check in fmt.checks:
        fix(check.line, check.position, TO_DIGIT)
    for line, start, end in fmt.names:
        for position in range(start, end):
            fix(line, position, TO_LETTER)
        # Names never hold three fillers in a row: after the first such run only fillers
        # follow, so letters there are misread fillers (K, L, E, S...).
        segment = lines[line][start:end]
        run = segment.find("<<<")
        if run >= 0:
            for position in range(start + run, end):
                if lines[line][position] != "<":
                    repairs.append(Repair(line=line, position=position,
                                          read=lines[line][position], kept="<",
                                          reason="field type"))
                    _set(lines, line, position, "<")
    return repairs


def _kinds(fmt: MrzFormat) -> dict[tuple[int, int], str]:
    """What each typed position may hold."""
    kinds = {(f.line, p): f.kind for f in fmt.fields for p in range(f.start, f.end)}
    kinds.update({(c.line, c.position): DIGIT for c in fmt.checks})
    return kinds


def _fits(kind: str | None, char: str) -> bool:
    if kind == DIGIT:
        return char.isdigit()
    if kind == ALPHA:
        return char.isalpha() or char == "<"
    return True


def types_hold(fmt: MrzFormat, lines: list[str]) -> bool:
    """Every typed field holds its type; a field of fillers only stands for "not stated"."""
    for field in fmt.fields:
        text = lines[field.line][field.start:field.end]
        if set(text) == {"<"}:
            continue
        if not all(_fits(field.kind, c) for c in text):
            return False
    return True


def _check_repairs(fmt: MrzFormat, lines: list[str]) -> list[Repair]:
    """For each failing check digit but the composite, the one substitution that fixes it."""
    kinds = _kinds(fmt)
    repairs = []
    for check in fmt.checks:
        if check.name == "composite" or check_results(fmt, lines)[check.name]:
            continue
        fixes = []
        positions = [(line, p) for line, start, end in check.spans for p in range(start, end)]
        positions.append((check.line, check.position))
        for line, position in positions:
            char = lines[line][position]
            for other in {TO_DIGIT.get(char), TO_LETTER.get(char)} - {None, char}:
                if not _fits(kinds.get((line, position)), other):  # type: ignore[arg-type]
                    continue
                trial = list(lines)
                _set(trial, line, position, other)  # type: ignore[arg-type]
                if check_results(fmt, trial)[check.name]:
                    fixes.append((line, position, char, other))
        # Two different fixes that both work: the check digit cannot choose, so neither is
        # taken (a guess here is how misreads pass as valid).
        if len(fixes) == 1:
            line, position, char, other = fixes[0]
            _set(lines, line, position, other)  # type: ignore[arg-type]
            repairs.append(Repair(line=line, position=position, read=char, kept=other,
                                  reason="check digit"))
    return repairs


def _reading(fmt: MrzFormat, raw: list[str]) -> MrzReading:
    lines = [normalise(line, fmt.width) for line in raw]
    repairs = _type_repairs(fmt, lines)
    repairs += _check_repairs(fmt, lines)
    checks = check_results(fmt, lines)
    values = fields(fmt, lines)
    # A date is a date, or all fillers where the document states none (some permits).
    dates_ok = all(values.get(f"{name}_iso") is not None or set(values[name]) == {"<"}
                   for name in ("birth_date", "expiry_date") if name in values)
    valid = all(checks.values()) and dates_ok and types_hold(fmt, lines)
    guided = sum(1 for r in repairs if r.reason == "check digit")
    if valid:
        confidence = max(50, 100 - 2 * (len(repairs) - guided) - 10 * guided)
    else:
        confidence = round(40 * sum(checks.values()) / max(len(checks), 1))
    return MrzReading(format=fmt.name, lines=lines, valid=valid, confidence=confidence,
                      fields=values, checks=checks, repairs=repairs)


def read_lines(raw: list[str]) -> MrzReading | None:
    """The best reading of OCR lines: the first valid format, else the one most checks pass."""
    raw = [line for line in raw if line.strip()]
    if not raw:
        return None
    width = min(_WIDTHS, key=lambda w: abs(w - max(len(line.replace(" ", "")) for line in raw)))
    shaped = [normalise(line, width) for line in raw]
    readings = [_reading(fmt, shaped) for fmt in candidate_formats(shaped)]
    if not readings:
        return None
    valid = [r for r in readings if r.valid]
    if valid:
        return valid[0]
    return max(readings, key=lambda r: (sum(r.checks.values()), -len(r.repairs)))
