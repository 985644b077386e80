"""Settle the MRZ name letters the reader could not, with the printed zone's spelling."""

from collections.abc import Iterable
from string import ascii_uppercase

from extractors.mrz.formats import FORMAT_BY_NAME
from extractors.mrz.parse import names
from extractors.printed.fields import letters_of, plain
from schemas.mrz import MrzReading, Repair
from schemas.printed import PrintedZone


def _printed_words(zones: Iterable[PrintedZone]) -> set[str]:
    """Every name word the printed zones show, in MRZ letters (accents and separators gone)."""
    words = set()
    for zone in zones:
        for name in (zone.surname, zone.usage_name, *zone.given_names):
            if name:
                words.update(letters_of(word) for word in plain(name).split())
    return words


def _word_at(line: str, position: int, field: tuple[int, int]) -> tuple[int, int]:
    """Start and end of the run of letters around a position, within its name field.

    The field bounds matter: a passport's surname follows the issuing state unseparated.
    """
    start, end = position, position + 1
    while start > field[0] and line[start - 1].isalpha():
        start -= 1
    while end < field[1] and line[end].isalpha():
        end += 1
    return start, end


def settle_letters(reading: MrzReading, zones: Iterable[PrintedZone]) -> MrzReading:
    """The reading with its uncertain name letters taken from the printed zone.

    Tesseract reads the printed zone apart from the MRZ reader, so a printed word of the same
    length that differs from the MRZ word only at uncertain positions, with one of the letters
    the reader hesitated between (any letter at a weak cell), settles them (ROBEQT where R
    and Q tied, printed ROBERT; LANNYON with glare over the Y, printed LANNION). A
    reading whose every uncertain letter is settled is valid; otherwise it is left as it was.
    """
    uncertain = reading.fields.get("uncertain_letters")
    if reading.valid or not uncertain:
        return reading
    words = _printed_words(zones)
    lines = list(reading.lines)
    options = {(line, position): letters for line, position, letters in uncertain}
    for line, position in reading.fields.get("weak_letters", ()):
        options[(line, position)] = ascii_uppercase
    repairs = []
    fmt = FORMAT_BY_NAME[reading.format]
    for line, position in options:
        field = next((start, end) for name_line, start, end in fmt.names
                     if name_line == line and start <= position < end)
        start, end = _word_at(lines[line], position, field)
        word = lines[line][start:end]
        matches = {printed for printed in words if len(printed) == len(word) and all(
            printed[i] == word[i] or (
                (line, start + i) in options and printed[i] in options[(line, start + i)])
            for i in range(len(word)))}
        if len(matches) != 1:
            return reading  # not shown, or shown two ways: a person decides
        kept = matches.pop()[position - start]
        if kept != lines[line][position]:
            repairs.append(Repair(line=line, position=position, read=lines[line][position],
                                  kept=kept, reason="printed zone"))
            lines[line] = lines[line][:position] + kept + lines[line][position + 1:]
    fields = {key: value for key, value in reading.fields.items()
              if key not in ("uncertain_letters", "name_readings", "weak_letters")}
    fields["settled_letters"] = uncertain
    if repairs:
        fields.update(names(fmt, lines))
    return reading.model_copy(update={"lines": lines, "valid": True, "fields": fields,
                                      "repairs": [*reading.repairs, *repairs]})

