"""From OCR's raw lines to the best MRZ reading, repaired by field type and check digits."""

import re
from itertools import combinations, product

from extractors.mrz.countries import is_state_code
from extractors.mrz.formats import (
    ALNUM,
    ALPHA,
    DIGIT,
    FORMAT_BY_NAME,
    FRA_CNI_1988,
    TD1,
    TD3,
    MrzFormat,
    candidate_formats,
    code_fits,
)
from extractors.mrz.parse import check_results, fields, names
from schemas.mrz import MrzReading, Repair

# Confusions of OCR on the OCR-B font, both ways (ICAO 9303 and PassportEye's experience).
TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "T": "1", "J": "1",
            "Z": "2", "S": "5", "B": "8", "G": "6", "A": "4", "Y": "4", "E": "8"}
TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T",
             "3": "B", "9": "G"}
_WIDTHS = (30, 36, 44)
# Positions a format leaves empty for some issuers.
FILLER = "<"
_MAX_FITTED = 2
_OUTSIDE = re.compile(r"[^A-Z0-9<]")
# Per line, per position: the characters a reader saw there, best first, with similarities.
Candidates = list[list[tuple[tuple[str, float], ...]]]
# An alternative this close to the best match is a tie the reader could not settle.
_TIE = 0.03
# Alternatives within this distance are plausible enough to repair a failing check digit.
_PLAUSIBLE = 0.15
# A cell matching its best character this much worse than the reading's median cell is weak.
_WEAK_GAP = 0.1


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


def set_char(lines: list[str], line: int, position: int, char: str) -> None:
    """Put a character at a position of one of the lines, in place."""
    text = lines[line]
    lines[line] = text[:position] + char + text[position + 1:]


def _typed_choice(char: str, table: dict[str, str],
                  seen: tuple[tuple[str, float], ...] | None) -> str | None:
    """What a character of the wrong type becomes.

    The reader's own nearest character of the right type when it was close (a 1 read where
    T nearly won is T, not I), else the usual lookalike.
    """
    if char not in table:
        return None
    wanted = str.isdigit if table is TO_DIGIT else str.isalpha if table is TO_LETTER else None
    if seen and wanted is not None:
        best = seen[0][1]
        for other, score in seen[1:]:
            if wanted(other) and best - score <= _PLAUSIBLE:
                return other
    return table[char]


def _type_repairs(fmt: MrzFormat, lines: list[str], candidates: Candidates | None
                  ) -> list[Repair]:
    """Letters in digit fields, digits in letter fields, stray letters among name fillers."""
    repairs = []

    def fix(line: int, position: int, table: dict[str, str]) -> None:
        char = lines[line][position]
        kept = _typed_choice(char, table, _seen(candidates, line, position))
        if kept is not None:
            set_char(lines, line, position, kept)
            repairs.append(Repair(line=line, position=position, read=char, kept=kept,
                                  reason="field type"))

    for field in fmt.fields:
        table = TO_DIGIT if field.kind == DIGIT else TO_LETTER if field.kind == ALPHA else None
        if table is not None:
            for position in range(field.start, field.end):
                fix(field.line, position, table)
    for check in fmt.checks:
        fix(check.line, check.position, TO_DIGIT)
    for (line, position), kind in _kinds(fmt, lines).items():
        if kind == DIGIT:
            fix(line, position, TO_DIGIT)
        elif kind == ALPHA:
            fix(line, position, TO_LETTER)
        elif kind == FILLER and lines[line][position] != "<":
            fix(line, position, {lines[line][position]: "<"})
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
                    set_char(lines, line, position, "<")
    return repairs


def _kinds(fmt: MrzFormat, lines: list[str]) -> dict[tuple[int, int], str]:
    """What each typed position may hold."""
    # Names are letters and fillers (digits there are misreads, as TO_LETTER repairs).
    kinds = {(line, p): ALPHA for line, start, end in fmt.names for p in range(start, end)}
    kinds.update({(f.line, p): f.kind for f in fmt.fields for p in range(f.start, f.end)})
    kinds.update({(c.line, c.position): DIGIT for c in fmt.checks})
    if fmt is FRA_CNI_1988 and lines[0][30:36].isdigit():
        # An office code read as digits is a French office's (see _office_code).
        kinds.update({(0, p): DIGIT for p in range(30, 36)})
    if fmt is TD3 and lines[0][2:5] == "FRA":
        # French passport numbers are two digits, two letters, five digits (since 2006).
        for position, kind in enumerate("99AA99999"):
            kinds[(1, position)] = kind
        # and leave the personal number empty: a mark there is a misread filler.
        kinds.update({(1, p): FILLER for p in range(28, 42)})
    if fmt is TD1 and lines[0][2:5] == "FRA" and lines[1][15:18] == "FRA":
        # French identity cards (France's cards for its nationals) leave both optional
        # fields empty (residence permits do not):
        # only the composite covers them, and a stray letter there is a misread filler.
        for line, start, end in ((0, 15, 30), (1, 18, 29)):
            kinds.update({(line, p): FILLER for p in range(start, end)})
    return kinds


def _fits(kind: str | None, char: str) -> bool:
    if kind == FILLER:
        return char == "<"
    if kind == DIGIT:
        return char.isdigit()
    if kind == ALPHA:
        return char.isalpha() or char == "<"
    return True


def types_hold(fmt: MrzFormat, lines: list[str]) -> bool:
    """Every typed position holds its type; a field of fillers only stands for "not stated"."""
    empty = {(f.line, p) for f in fmt.fields
             if set(lines[f.line][f.start:f.end]) == {"<"} for p in range(f.start, f.end)}
    # Check digits are judged by check_results, which accepts a filler over an empty field.
    checks = {(c.line, c.position) for c in fmt.checks}
    return all(_fits(kind, lines[line][position])
               for (line, position), kind in _kinds(fmt, lines).items()
               if (line, position) not in empty | checks)


def _alternatives(char: str, seen: tuple[tuple[str, float], ...] | None) -> set[str]:
    """What a character may really be: OCR-B confusions, and what the reader nearly chose."""
    options = {TO_DIGIT.get(char), TO_LETTER.get(char)} - {None, char}
    if seen:
        best = seen[0][1]
        options |= {other for other, score in seen[1:] if best - score <= _PLAUSIBLE}
    options.discard(char)
    return options  # type: ignore[return-value]


def _seen(candidates: Candidates | None, line: int, position: int
          ) -> tuple[tuple[str, float], ...] | None:
    if candidates is None or line >= len(candidates) or position >= len(candidates[line]):
        return None
    return candidates[line][position]


# Document codes French documents carry (DOMAIN.md): a code the check digits do not cover.
_FRENCH_CODES = {"TD1": ("ID", "IR", "I<"), "TD3": ("P<",), "FRA_CNI_1988": ("ID",)}


# Letters ICAO 9303-3 advises issuers against in document numbers, for looking like digits.
_LOOKALIKE_DIGITS = {"O": "0", "I": "1"}


def _lookalikes(fmt: MrzFormat, lines: list[str], candidates: Candidates | None
                ) -> list[Repair]:
    """In letter-or-digit fields, a letter looking like a digit the reader nearly chose.

    It is taken as the digit: issuers avoid O and I in numbers, and O/0 misreads can cancel
    out in a check digit.
    """
    if candidates is None:
        return []
    kinds = _kinds(fmt, lines)
    repairs = []
    for field in fmt.fields:
        if field.kind != ALNUM:
            continue
        for position in range(field.start, field.end):
            char = lines[field.line][position]
            digit = _LOOKALIKE_DIGITS.get(char)
            seen = _seen(candidates, field.line, position)
            if digit is None or not seen or kinds.get((field.line, position)) not in (ALNUM,
                                                                                      None):
                continue
            score = dict(seen).get(digit)
            if score is not None and seen[0][1] - score <= _PLAUSIBLE:
                set_char(lines, field.line, position, digit)
                repairs.append(Repair(line=field.line, position=position, read=char,
                                      kept=digit, reason="field type"))
    return repairs


def _state_codes(fmt: MrzFormat, lines: list[str], candidates: Candidates | None
                 ) -> list[Repair]:
    """A state or nationality code no state uses, mended by the one alternative that fits.

    LYU read where LTU was printed, say; check digits do not cover these codes.
    """
    repairs = []
    for field in fmt.fields:
        if field.name not in ("issuing_state", "nationality"):
            continue
        code = lines[field.line][field.start:field.end]
        if is_state_code(code):
            continue
        options = set()
        for offset in range(3):
            position = field.start + offset
            for other in _alternatives(code[offset], _seen(candidates, field.line, position)):
                trial = code[:offset] + other + code[offset + 1:]
                if other.isalpha() and is_state_code(trial):
                    options.add((position, code[offset], other))
        if len(options) == 1:
            position, read, kept = options.pop()
            set_char(lines, field.line, position, kept)
            repairs.append(Repair(line=field.line, position=position, read=read, kept=kept,
                                  reason="field type"))
    return repairs


# ICAO 9303-3: M, F, or X / a filler when unspecified. The field has no check digit.
_SEXES = ("M", "F", "X", "<")


def _sex(fmt: MrzFormat, lines: list[str], candidates: Candidates | None) -> list[Repair]:
    """A sex the format does not allow, mended by the one allowed close alternative.

    Y read where F was printed, say; with none, or two as near, it stays invalid.
    """
    repairs = []
    for field in fmt.fields:
        if field.name != "sex" or lines[field.line][field.start] in _SEXES:
            continue
        read = lines[field.line][field.start]
        seen = _seen(candidates, field.line, field.start)
        scores = dict(seen or ())
        options = sorted((other for other in _alternatives(read, seen) if other in _SEXES),
                         key=lambda other: -scores.get(other, 0.0))
        # The nearest allowed character, if no other allowed one is as near.
        if len(options) == 1 or (len(options) > 1 and scores.get(options[0], 0.0)
                                 - scores.get(options[1], 0.0) > _TIE):
            set_char(lines, field.line, field.start, options[0])
            repairs.append(Repair(line=field.line, position=field.start, read=read,
                                  kept=options[0], reason="field type"))
    return repairs


def _known_code(fmt: MrzFormat, lines: list[str], candidates: Candidates | None
                ) -> list[Repair]:
    """A French document's code France does not issue, replaced by the nearest one seen.

    IQ read where ID was printed, say.
    """
    allowed = _FRENCH_CODES.get(fmt.name)
    if fmt is TD1 and allowed is not None:
        # France issues identity cards to its nationals and residence permits to others.
        allowed = ("ID",) if lines[1][15:18] == "FRA" else ("IR", "I<")
    code = lines[0][:2]
    if allowed is None or lines[0][2:5] != "FRA" or code in allowed:
        return []

    def support(option: str) -> float:
        total = 0.0
        for position, char in enumerate(option):
            seen = _seen(candidates, 0, position) or ((code[position], 1.0),)
            total += max((score for other, score in seen if other == char), default=-1.0)
        return total

    best = max(allowed, key=support)
    if support(best) < 0:
        return []
    repairs = [Repair(line=0, position=p, read=code[p], kept=best[p], reason="field type")
               for p in range(2) if code[p] != best[p]]
    lines[0] = best + lines[0][2:]
    return repairs


def _office_code(fmt: MrzFormat, lines: list[str]) -> list[Repair]:
    """The 1988 card's office code, digits when issued in France, letters for a consulate.

    Lookalike letters there are tried as digits, kept if the final check digit agrees.
    """
    if fmt is not FRA_CNI_1988 or check_results(fmt, lines)["composite"]:
        return []
    code = lines[0][30:36]
    digits = "".join(TO_DIGIT.get(c, c) for c in code)
    if digits == code or not digits.isdigit():
        return []
    trial = [lines[0][:30] + digits, lines[1]]
    if not check_results(fmt, trial)["composite"]:
        return []
    lines[0] = trial[0]
    return [Repair(line=0, position=30 + p, read=code[p], kept=digits[p], reason="check digit")
            for p in range(6) if code[p] != digits[p]]


def _weak_cells(candidates: Candidates | None) -> set[tuple[int, int]]:
    """Cells whose best match is far below the reading's usual: glare, a fold, a smudge."""
    scores = [cell[0][1] for line in candidates or () for cell in line if cell]
    if not scores:
        return set()
    usual = sorted(scores)[len(scores) // 2]
    return {(line, position) for line, cells in enumerate(candidates)
            for position, cell in enumerate(cells) if cell and cell[0][1] < usual - _WEAK_GAP}


def _check_repairs(fmt: MrzFormat, lines: list[str], candidates: Candidates | None,
                   weak_cells: set[tuple[int, int]]) -> list[Repair]:
    """For each failing check digit but the composite, the one substitution that fixes it.

    `weak_cells`: those of `_weak_cells`.
    """
    kinds = _kinds(fmt, lines)
    repairs = []
    for check in fmt.checks:
        if check.name == "composite" or check_results(fmt, lines)[check.name]:
            continue
        fixes = []
        positions = [(line, p) for line, start, end in check.spans for p in range(start, end)]
        positions.append((check.line, check.position))
        # The check digit of a field left empty (all fillers) can only be 0.
        empty = all(lines[line][p] == "<" for line, p in positions[:-1])
        for line, position in positions:
            char = lines[line][position]
            options = _alternatives(char, _seen(candidates, line, position))
            if (line, position) in weak_cells and kinds.get((line, position)) == DIGIT:
                # A digit the reader barely saw may be any digit (a 1 under glare matched
                # 0, U, M and H alike); the check digit fixes exactly one.
                options |= set("0123456789")
            if empty and (line, position) == positions[-1]:
                options.add("0")
            for other in options:
                if not _fits(kinds.get((line, position)), other):
                    continue
                trial = list(lines)
                set_char(trial, line, position, other)  # type: ignore[arg-type]
                if check_results(fmt, trial)[check.name]:
                    fixes.append((line, position, char, other))
        # Two different fixes that both work: the check digit cannot choose, so neither is
        # taken (a guess here is how misreads pass as valid). Nor is a fix away from a cell
        # the reader barely recognised: the error more likely lies there, out of its sight.
        # (A position that may only hold the filler cannot hide the error, weak or not.)
        weak = {p for p in weak_cells & set(positions) if kinds.get(p) != FILLER}
        if len(fixes) > 1:
            fixes = _settled_by_composite(fmt, lines, candidates, fixes)
        if len(fixes) == 1 and weak <= {fixes[0][:2]}:
            line, position, char, other = fixes[0]
            set_char(lines, line, position, other)  # type: ignore[arg-type]
            repairs.append(Repair(line=line, position=position, read=char, kept=other,
                                  reason="check digit"))
    return repairs


def _settled_by_composite(fmt: MrzFormat, lines: list[str], candidates: Candidates | None,
                          fixes: list[tuple[int, int, str, str]]
                          ) -> list[tuple[int, int, str, str]]:
    """Of several fixes to a field's check digit, the one the failing composite also accepts.

    Only a fix to the letter the reader nearly chose (a near-tie, F or E) counts: the
    composite is then no longer an independent confirmation, so the fix needs the reader's
    own doubt as evidence too. Otherwise no fix, as before.
    """
    if "composite" not in {check.name for check in fmt.checks} \
            or check_results(fmt, lines)["composite"]:
        return fixes
    kept = []
    for line, position, char, other in fixes:
        seen = dict(_seen(candidates, line, position) or ())
        if char not in seen or other not in seen or seen[char] - seen[other] > _TIE:
            continue
        trial = list(lines)
        set_char(trial, line, position, other)
        if check_results(fmt, trial)["composite"]:
            kept.append((line, position, char, other))
    return kept


# Fields an issuer may leave empty, which only the composite check covers.
_OPTIONAL = ("optional_data", "optional_data_1", "optional_data_2", "personal_number")


def _stray_marks(fmt: MrzFormat, lines: list[str], weak_cells: set[tuple[int, int]]
                 ) -> list[Repair]:
    """Fillers under a smudge: weak cells amid an optional field's fillers, when that passes.

    A stain or glare on a run of fillers reads as a lone 2 or Z that the reader barely
    matched; the composite check, which covers those fields and failed, decides. So for the
    names where the composite covers them (the 1988 card's: LAMBERT<Z<<< under a shadow's
    edge), as no name ends with a lone letter.
    """
    if check_results(fmt, lines).get("composite", True):
        return []
    stray = []
    for line, start, end in _optional_spans(fmt):
        text = lines[line]
        for position in range(start, end):
            flanked = all(text[p] == "<" for p in (position - 1, position + 1)
                          if 0 <= p < len(text))
            if text[position] != "<" and flanked and (line, position) in weak_cells:
                stray.append((line, position))
    if not 1 <= len(stray) <= _MAX_FITTED:
        return []
    trial = list(lines)
    for line, position in stray:
        set_char(trial, line, position, "<")
    if not all(check_results(fmt, trial).values()):
        return []
    repairs = [Repair(line=line, position=position, read=lines[line][position], kept="<",
                      reason="check digit") for line, position in stray]
    lines[:] = trial
    return repairs


def _optional_spans(fmt: MrzFormat) -> list[tuple[int, int, int]]:
    """(line, start, end) of the optional fields, and of the names the composite covers."""
    composite = next((c for c in fmt.checks if c.name == "composite"), None)
    covered = [] if composite is None else [
        (line, start, end) for line, start, end in fmt.names
        if any(line == on and first <= start and end <= last
               for on, first, last in composite.spans)]
    return [(f.line, f.start, f.end) for f in fmt.fields if f.name in _OPTIONAL] + covered


def ambiguous_positions(fmt: MrzFormat, lines: list[str], candidates: Candidates | None
                        ) -> list[tuple[int, int]]:
    """Positions where another near-tied reading also passes every check digit.

    Check digits cannot tell such readings apart (two O/0 swaps can cancel out): reporting
    either as valid would be a guess.
    """
    if candidates is None:
        return []
    kinds = _kinds(fmt, lines)
    covered = {(line, p) for check in fmt.checks for line, start, end in check.spans
               for p in range(start, end)}
    ties = []
    for line, position in sorted(covered):
        seen = _seen(candidates, line, position)
        if not seen or len(seen) < 2:
            continue
        current = lines[line][position]
        for other, score in seen:
            if other != current and seen[0][1] - score <= _TIE and _fits(
                    kinds.get((line, position)), other):
                ties.append((line, position, other))
    for size in (1, 2):
        for chosen in combinations(ties, size):
            if len({(line, position) for line, position, _ in chosen}) < size:
                continue
            trial = list(lines)
            for line, position, other in chosen:
                set_char(trial, line, position, other)
            if all(check_results(fmt, trial).values()) and types_hold(fmt, trial):
                return [(line, position) for line, position, _ in chosen]
    return []


def uncertain_letters(fmt: MrzFormat, lines: list[str], candidates: Candidates | None,
                      weak: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Name letters no check digit covers that the reader could not settle.

    (line, position, the letters it hesitated between): a near-tie (E or F, R or Q) or a
    weak cell (`weak`: those of `_weak_cells`). Passing check digits say nothing about them.
    """
    if candidates is None:
        return []
    found = []
    for line, start, end in fmt.names:
        for position in range(start, end):
            char, seen = lines[line][position], _seen(candidates, line, position)
            if not char.isalpha() or not seen:
                continue
            scores = dict(seen)
            own = scores.get(char, seen[0][1])
            rivals = [other for other, score in seen if other != char and other.isalpha()
                      and own - score <= _TIE]
            if rivals or ((line, position) in weak and seen[0][0] == char):
                found.append((line, position, char + "".join(rivals)))
    return found


# Past this many uncertain letters, the other ways to read the names are not listed.
_MAX_READINGS = 32


def _name_readings(fmt: MrzFormat, lines: list[str], uncertain: list[tuple[int, int, str]]
                   ) -> list[dict[str, object]]:
    """Surname and given names under every choice among the uncertain letters."""
    choices = list(product(*(letters for _, _, letters in uncertain)))[:_MAX_READINGS]
    readings = []
    for choice in choices:
        trial = list(lines)
        for (line, position, _), char in zip(uncertain, choice, strict=True):
            set_char(trial, line, position, char)
        parsed = names(fmt, trial)
        readings.append({"surname": parsed["surname"], "given_names": parsed["given_names"]})
    return readings


def _reading(fmt: MrzFormat, raw: list[str], candidates: Candidates | None) -> MrzReading:
    lines = [normalise(line, fmt.width) for line in raw]
    if candidates is not None and [len(c) for c in candidates] != [fmt.width] * len(lines):
        candidates = None  # the reader's cells do not line up with this format
    repairs = _type_repairs(fmt, lines, candidates)
    repairs += _known_code(fmt, lines, candidates)
    repairs += _lookalikes(fmt, lines, candidates)
    repairs += _state_codes(fmt, lines, candidates)
    repairs += _sex(fmt, lines, candidates)
    # Cells the reader barely recognised: where a check-digit repair must not look away
    # from, and name letters that stay uncertain.
    weak = _weak_cells(candidates)
    repairs += _check_repairs(fmt, lines, candidates, weak)
    repairs += _stray_marks(fmt, lines, weak)
    repairs += _office_code(fmt, lines)
    checks = check_results(fmt, lines)
    values = fields(fmt, lines)
    # A date is a date, or all fillers where the document states none (some permits).
    dates_ok = all(values.get(f"{name}_iso") is not None or set(values[name]) == {"<"}
                   for name in ("birth_date", "expiry_date") if name in values)
    # Characters chosen because a check digit then passes: past two, the check digits are
    # being fitted to a guess rather than confirming a reading.
    fitted = sum(1 for r in repairs if r.reason == "check digit")
    # No check digit covers a state code: one that is no state's is misread (CHE read CWF)
    # or outside the lists (specimens' BDR, COU): never `valid`, but the number, dates and
    # names it carries are as sure as the check digits make them, so still `verified`.
    unknown_states = [code for f in fmt.fields if f.name in ("issuing_state", "nationality")
                      if not is_state_code(code := lines[f.line][f.start:f.end])]
    sex_ok = all(lines[f.line][f.start] in _SEXES for f in fmt.fields if f.name == "sex")
    holds = (all(checks.values()) and dates_ok and sex_ok and types_hold(fmt, lines)
             and code_fits(fmt, lines) and fitted <= _MAX_FITTED)
    ambiguous = ambiguous_positions(fmt, lines, candidates) if holds else []
    if ambiguous:
        holds = False
        values["ambiguous_positions"] = [list(p) for p in ambiguous]
    uncertain = uncertain_letters(fmt, lines, candidates, weak) if holds else []
    if uncertain:
        # Check digits pass, but a name letter is a guess: not to be reported as read.
        values["uncertain_letters"] = [list(u) for u in uncertain]
        values["name_readings"] = _name_readings(fmt, lines, uncertain)
        # At a weak cell the truth may be none of the letters listed (glare over an I read
        # as Y or T): the printed zone may settle it with any letter.
        weak_letters = [[line, position] for line, position, _ in uncertain
                        if (line, position) in weak]
        if weak_letters:
            values["weak_letters"] = weak_letters
    if holds and unknown_states:
        values["unknown_state_codes"] = unknown_states
    valid = holds and not uncertain and not unknown_states
    guided = sum(1 for r in repairs if r.reason == "check digit")
    if valid:
        confidence = max(50, 100 - 2 * (len(repairs) - guided) - 10 * guided)
    else:
        confidence = round(40 * sum(checks.values()) / max(len(checks), 1))
    return MrzReading(format=fmt.name, lines=lines, valid=valid, confidence=confidence,
                      fields=values, checks=checks, repairs=repairs)


def read_lines(raw: list[str], candidates: Candidates | None = None) -> MrzReading | None:
    """The best reading of OCR lines: the first valid format, else the one most checks pass.

    `candidates`, when the reader provides them, are each position's ranked characters:
    they widen check-digit repairs and reveal readings the check digits cannot settle.
    """
    raw = [line for line in raw if line.strip()]
    if not raw:
        return None
    width = min(_WIDTHS, key=lambda w: abs(w - max(len(line.replace(" ", "")) for line in raw)))
    shaped = [normalise(line, width) for line in raw]
    readings = [_reading(fmt, shaped, candidates) for fmt in candidate_formats(shaped)]
    # Lines whose document code no format accepts are not an MRZ: printed text in capitals.
    readings = [r for r in readings if code_fits(FORMAT_BY_NAME[r.format], r.lines)]
    if not readings:
        return None
    valid = [r for r in readings if r.valid]
    if valid:
        return valid[0]
    return max(readings, key=lambda r: (sum(r.checks.values()), -len(r.repairs)))
