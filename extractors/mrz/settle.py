"""Settle the MRZ name letters the reader could not: by the printed zone or a second reader."""

from collections.abc import Iterable
from string import ascii_uppercase

from extractors.mrz.formats import FORMAT_BY_NAME
from extractors.mrz.parse import names
from extractors.mrz.repair import set_char
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


def _word_at(reading: MrzReading, line: int, position: int) -> tuple[int, int]:
    """Start and end of the run of letters around a position, within its name field.

    The field bounds matter: a passport's surname follows the issuing state unseparated.
    """
    first, last = next((start, end) for name_line, start, end
                       in FORMAT_BY_NAME[reading.format].names
                       if name_line == line and start <= position < end)
    text = reading.lines[line]
    start, end = position, position + 1
    while start > first and text[start - 1].isalpha():
        start -= 1
    while end < last and text[end].isalpha():
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
    options = _options(reading, ascii_uppercase)
    repairs = []
    for line, position in options:
        start, end = _word_at(reading, line, position)
        word = reading.lines[line][start:end]
        matches = {printed for printed in words if len(printed) == len(word) and all(
            printed[i] == word[i] or (
                (line, start + i) in options and printed[i] in options[(line, start + i)])
            for i in range(len(word)))}
        if len(matches) != 1:
            return reading  # not shown, or shown two ways: a person decides
        _keep(lines, repairs, line, position, matches.pop()[position - start], "printed zone")
    return _settled(reading, lines, repairs)


def _options(reading: MrzReading, weak_choices: str) -> dict[tuple[int, int], str]:
    """The letters each uncertain position may hold; `weak_choices` at a weak cell."""
    options = {(line, position): letters
               for line, position, letters in reading.fields["uncertain_letters"]}
    for line, position in reading.fields.get("weak_letters", ()):
        options[(line, position)] = weak_choices
    return options


def _keep(lines: list[str], repairs: list[Repair], line: int, position: int, kept: str,
          reason: str) -> None:
    """Settle one letter: put it in the lines, and record the repair if it changed."""
    if kept != lines[line][position]:
        repairs.append(Repair(line=line, position=position, read=lines[line][position],
                              kept=kept, reason=reason))
        set_char(lines, line, position, kept)


def _settled(reading: MrzReading, lines: list[str], repairs: list[Repair]) -> MrzReading:
    """The reading with every uncertain letter settled: lines, names and repairs updated."""
    fields = {key: value for key, value in reading.fields.items()
              if key not in ("uncertain_letters", "name_readings", "weak_letters")}
    fields["settled_letters"] = reading.fields["uncertain_letters"]
    if repairs:
        fields.update(names(FORMAT_BY_NAME[reading.format], lines))
    # A state code outside the lists keeps a reading short of valid, settled or not.
    return reading.model_copy(update={"lines": lines, "fields": fields,
                                      "valid": not fields.get("unknown_state_codes"),
                                      "repairs": [*reading.repairs, *repairs]})


# Letters of the word, besides the uncertain ones, both readers must read alike: they show
# that the two lines are in step there.
_AGREEING = 2


def settle_by_second_reading(reading: MrzReading, other: list[str]) -> MrzReading:
    """The reading with its uncertain name letters taken from another reader's lines.

    Tesseract reads the same band apart from the OCR-B reader, with other errors: where its
    line agrees with this one over the whole word around an uncertain letter, and reads
    there one of the letters this reader hesitated between (any letter or a filler at a
    weak cell), the two readers agree and the letter is settled (CHRISTOPHF where F and E
    tied, Tesseract CHRISTOPHE). All or nothing, as with the printed zone.
    """
    if reading.valid or not reading.fields.get("uncertain_letters") \
            or [len(line) for line in other] != [len(line) for line in reading.lines]:
        return reading
    options = _options(reading, ascii_uppercase + "<")
    lines, repairs = list(reading.lines), []
    for line, position in options:
        start, end = _word_at(reading, line, position)
        agreeing = 0
        for at in range(start, end):
            seen = other[line][at]
            if seen not in options.get((line, at), reading.lines[line][at]):
                return reading  # the readers disagree: a person decides
            agreeing += (line, at) not in options
        if agreeing < _AGREEING:
            return reading  # too short a word to show that both lines are in step
        _keep(lines, repairs, line, position, other[line][position], "second reader")
    return _settled(reading, lines, repairs)
