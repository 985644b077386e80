"""Find labelled fields among OCR segments: the label, then its value beside or below it."""

import re
import unicodedata
from datetime import date

from rapidfuzz import fuzz

from extractors.printed.words import Segment, Word

# Labels of French identity documents (2021 card, 1988 card, passport, residence permit),
# in the order they are tried: the usage name before the surname, as both start with NOM.
LABELS: dict[str, tuple[str, ...]] = {
    "usage_name": ("NOM D USAGE", "ALTERNATE NAME", "EPOUSE", "VEUVE", "NOM D'USAGE"),
    "surname": ("NOM", "SURNAME"),
    "given_names": ("PRENOMS", "PRENOM S", "PRENOM", "GIVEN NAMES"),
    "birth_date": ("DATE DE NAISSANCE", "DATE DE NAISS", "NE E LE", "NE LE", "DATE OF BIRTH"),
    "expiry_date": ("DATE D EXPIRATION", "DATE D EXPIR", "CARTE VALABLE JUSQU AU",
                    "VALABLE JUSQU AU", "EXPIRY DATE", "DATE OF EXPIRY"),
}
# Other labels of those documents: a segment that is one of these is never a value.
OTHER_LABELS = ("SEXE", "SEX", "NATIONALITE", "NATIONALITY", "LIEU DE NAISSANCE",
                "PLACE OF BIRTH", "N DU DOCUMENT", "DOCUMENT NO", "TAILLE", "HEIGHT",
                "DATE DE DELIVRANCE", "DATE OF ISSUE", "ADRESSE", "TYPE", "CODE DU PAYS",
                "PASSEPORT N", "SIGNATURE", "N DU TITRE", "TYPE DE TITRE", "A")
_ALL_LABELS = tuple(f for forms in LABELS.values() for f in forms) + OTHER_LABELS
# Long labels tolerate OCR slips in a letter or two; short ones (NOM, SEXE) must be exact.
_FUZZY_FROM = 6
_FUZZY_SCORE = 82.0
# A value sits below its label within this many label heights, left edges this close.
_BELOW = 3.2
_ALIGN = 2.5
# A value to the right of its label starts within this many label heights.
_RIGHT = 14.0


def plain(text: str) -> str:
    """Upper case, no accents, punctuation as spaces: the form labels are matched in."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text.upper())
                       if not unicodedata.combining(c))
    return re.sub(r"[^A-Z0-9]+", " ", stripped).strip()


def label_length(text: str, forms: tuple[str, ...]) -> int | None:
    """How many words of `text` the best matching label form takes, or None."""
    words = plain(text).split()
    for form in sorted(forms, key=len, reverse=True):
        size = len(form.split())
        head = " ".join(words[:size])
        if head == form or (len(form) >= _FUZZY_FROM and fuzz.ratio(head, form) >= _FUZZY_SCORE):
            return size
    return None


def label_of(segment: Segment, labels: dict[str, tuple[str, ...]] = LABELS
             ) -> tuple[str, int] | None:
    """The field a segment labels, and how many of its words the label takes.

    The longest matching label wins: "NOM D'USAGE" is not the label "NOM" followed by a value.
    """
    found = [(field, size) for field, forms in labels.items()
             if (size := label_length(segment.text, forms)) is not None]
    return max(found, key=lambda item: item[1], default=None)


def is_label(segment: Segment, labels: tuple[str, ...] = _ALL_LABELS) -> bool:
    """The segment starts with one of the document's labels, or is a piece of one.

    The page's read splits small labels: "Prénom(s) / Given names" came as "Prénom",
    "Given" and "na:", and the value below was passed over for "Given".
    """
    text = segment.text.strip()
    return (label_length(text, labels) is not None or _starts_a_label(text, labels)
            or text.endswith(":"))


def _remainder(segment: Segment, label_words: int, labels: tuple[str, ...]) -> str:
    """What follows the label in its own segment, without its translation ("/ Surname")."""
    words = [w.text for w in segment.words]
    # The plain form may have split "PRÉNOM(S)" into two words: count on plain words.
    taken, plain_seen = 0, 0
    while taken < len(words) and plain_seen < label_words:
        plain_seen += max(len(plain(words[taken]).split()), 1 if plain(words[taken]) else 0)
        taken += 1
    rest = " ".join(words[taken:]).strip(" :;.|")
    if rest.startswith("/") or rest.startswith(":"):
        rest = rest.lstrip("/: ")
        # "NOM / Surname": the rest is the English label, not a value; so is its start
        # alone ("Prénoms / Given", the last word lost to the page's read; "NOM D'USAGE /
        # Alt", cut inside a word).
        letters = letters_of(rest)
        if label_length(rest, labels) is not None or _starts_a_label(rest, labels) or (
                len(letters) >= 2 and any(letters_of(form).startswith(letters)
                                          for form in labels)):
            return ""
    return rest.strip()


def _starts_a_label(text: str, labels: tuple[str, ...]) -> bool:
    """The text is the first words of a label of several words ("GIVEN" of "GIVEN NAMES")."""
    words = plain(text).split()
    return bool(words) and any(
        len(form.split()) > len(words) and form.split()[:len(words)] == words
        for form in labels)


def value_of(label: Segment, label_words: int, segments: list[Segment],
             labels: tuple[str, ...] = _ALL_LABELS, reach: float = _RIGHT
             ) -> Segment | str | None:
    """The value of a label: after it in its segment, to its right, or just below it.

    `labels` are every label form of the document: a segment that is one is never a value.
    A value to the right starts within `reach` label heights of the label's end.
    """
    rest = _remainder(label, label_words, labels)
    if len(plain(rest)) >= 1 and label_length(rest, labels) is None:
        return rest
    height = max(label.height, 8)
    right = [s for s in segments if s is not label
             and abs((s.top + s.bottom) / 2 - (label.top + label.bottom) / 2) < 0.8 * height
             and 0 <= s.left - label.right < reach * height and not is_label(s, labels)]
    if right:
        return min(right, key=lambda s: s.left)
    # Below: the segment's middle under the label's foot; its top may rise above it, as a
    # tall box does (a given name boxed 49 px tall under a 12 px label on a card photo).
    below = [s for s in segments if s is not label
             and s.top - label.bottom < _BELOW * height and (s.top + s.bottom) / 2 > label.bottom
             and abs(s.left - label.left) < _ALIGN * height and not is_label(s, labels)]
    if below:
        return min(below, key=lambda s: s.top)
    return None


# OCR confusions inside dates: letters that are digits there.
_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "S": "5",
                         "B": "8", "Z": "2", "g": "9"})
# What separates a date's day, month and year: spaces, dots, slashes or dashes.
_SEPARATOR = r"[\s./-]"


def parse_date(text: str) -> date | None:
    """DD MM YYYY with spaces, dots, slashes or dashes."""
    match = re.search(rf"(\d{{1,2}})\s*{_SEPARATOR}\s*(\d{{1,2}})\s*{_SEPARATOR}\s*(\d{{4}})",
                      text.translate(_DIGITS))
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


_NAME_CHARS = re.compile(r"[^A-Za-zÀ-ÖØ-öø-ÿĀ-žŒœ' \-,]")
_USAGE_PREFIX = re.compile(r"^(?:ÉP|EP|ÉPOUSE|EPOUSE|VEUVE|VVE)\b\.?\s*", re.IGNORECASE)


def clean_name(text: str) -> str:
    """Letters, spaces, hyphens, apostrophes; OCR's stray marks dropped."""
    cleaned = _NAME_CHARS.sub("", text.replace("’", "'"))
    cleaned = re.sub(r"\s*-\s*", "-", cleaned)  # "Jean- Baptiste" is one hyphenated name
    return re.sub(r"\s+", " ", cleaned).strip(" -',")


def clean_usage_name(text: str) -> str:
    """The usage name without "ép." or "épouse" before it."""
    return clean_name(_USAGE_PREFIX.sub("", text.strip()))


def split_given_names(text: str) -> tuple[str, ...]:
    """Given names as the document lists them, comma separated.

    OCR reads some commas as a full stop or semicolon, which no given name contains.
    """
    return tuple(n for n in (clean_name(part) for part in re.split(r"[,.;]", text)) if n)


def letters_of(text: str) -> str:
    """The letters and digits of a text, accents and separators dropped."""
    return plain(text).replace(" ", "")


# A segment is the printed form of an MRZ name when their letters are this similar: OCR
# slips in a letter or an accent read as another letter still pass, another line does not.
_GUIDED_SCORE = 80.0


def name_score(text: str, target: str, *, prefix: bool = False) -> float:
    """How well a text spells an MRZ name's letters (0-100); `prefix`: the MRZ cut it."""
    letters = letters_of(text)
    return fuzz.ratio(letters[:len(target)] if prefix else letters, target)


def _past_the_list(words: tuple[Word, ...], cut: int) -> bool:
    """Whether the last word is beyond both a cut MRZ name and the comma-separated list.

    The MRZ cut the name, so the words past the cut cannot be compared with it; only the
    list's commas (OCR reads some as full stops) say where the names stop and the next
    column's value ("Yann Française") starts.
    """
    return (len(words) > 1 and len(letters_of(" ".join(w.text for w in words[:-1]))) >= cut
            and not words[-2].text.endswith((",", ".", ";")))


def guided_name(segments: list[Segment], mrz_text: str, *, prefix: bool = False,
                listed: bool = False) -> Segment | None:
    """The words that spell the MRZ's name (accents and hyphens are the words').

    A segment may run into the next column's value ("Pierre-Yves Française"): the words
    kept are the first ones of the segment that match best. `prefix`: the MRZ cut the name,
    so only the words' start is compared; `listed`: the name is a comma-separated list (given
    names), which ends where the commas do.
    """
    target = letters_of(mrz_text)
    if len(target) < 2:
        return None
    best, best_score = None, _GUIDED_SCORE
    for segment in segments:
        if is_label(segment):
            continue
        words = segment.words
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                if prefix and listed and _past_the_list(words[start:end], len(target)):
                    break
                score = name_score(" ".join(w.text for w in words[start:end]), target,
                                   prefix=prefix)
                if score > best_score or (score == best_score and best is not None
                                          and end - start > len(best.words)):
                    best, best_score = Segment(words[start:end]), score
    return best


_LOST = "\0"


def restore_separators(printed: str, mrz_text: str, *, prefix: bool = False,
                       listed: bool = False) -> str:
    """The printed name with OCR's stray spaces removed where the MRZ has none.

    "THÉBAU LT" read for THEBAULT becomes "THÉBAULT"; a hyphen the MRZ writes `<` stays.
    Only when both spell the same letters; `prefix`: the MRZ cut the name, so up to the cut,
    past which the printed spaces stay. `listed` (given names, a comma-separated list): a
    bare space where the MRZ parts two names is a comma OCR dropped ("Hugo Jérôme"). A
    separator lost inside a hyphenated surname is put back as a hyphen.
    """
    mrz_letters = letters_of(mrz_text)
    if letters_of(printed)[:len(mrz_letters) if prefix else None] != mrz_letters:
        return printed
    boundaries, count = set(), 0
    for char in plain(mrz_text.replace("<", " ")):
        if char == " ":
            boundaries.add(count)
        else:
            count += 1
    out, count, parted = [], 0, True
    for char in printed:
        if plain(char) and plain(char) != " ":
            if count in boundaries and not parted:
                out.append(_LOST)  # the MRZ parts the name here, the reading does not
            count += len(plain(char))
            out.append(char)
            parted = False
        elif count in boundaries or char == "," or (prefix and count >= len(mrz_letters)):
            out.append(char)
            parted = True
    text = re.sub(r"\s+", " ", "".join(out)).strip()
    # A separator OCR lost inside a hyphenated surname was a hyphen ("SAINTJEAN-DE-MONTS");
    # elsewhere, or between given names (a hyphen or a comma), the reading is left as it was.
    text = " ".join(word.replace(_LOST, "-" if "-" in word and not listed else "")
                    for word in text.split(" "))
    if listed:
        text = re.sub(r"(?<=[^\W\d_]) (?=[^\W\d_])", ", ", text)
    return text


def dated(segments: list[Segment], wanted: date) -> Segment | None:
    """The segment that prints this date, maybe with its spaces misread ("21091 985")."""
    digits = wanted.strftime("%d%m%Y")
    for segment in segments:
        if parse_date(segment.text) == wanted or \
                re.sub(_SEPARATOR, "", segment.text.translate(_DIGITS)) == digits:
            return segment
    return None


# A date's digits misread in at most this many places are still that date's printed form,
# its digits to be settled among the reader's own choices (extractors.printed.letters).
_DIGITS_MISREAD = 2


def nearly_dated(segments: list[Segment], wanted: date) -> Segment | None:
    """A segment of a date's eight digits, one or two of them misread ("15.02.2001")."""
    digits = wanted.strftime("%d%m%Y")
    for segment in segments:
        read = re.sub(_SEPARATOR, "", segment.text.translate(_DIGITS))
        if len(read) == len(digits) and read.isdigit() and 0 < sum(
                a != b for a, b in zip(read, digits, strict=True)) <= _DIGITS_MISREAD:
            return segment
    return None


def usage_marked(segments: list[Segment]) -> str | None:
    """A value written "ép. X", "épouse X" or "veuve X": the usage name, label or not."""
    for segment in segments:
        if _USAGE_PREFIX.match(segment.text.strip()) and len(segment.words) > 1:
            return clean_usage_name(segment.text)
    return None


# Words printed on identity documents and not on letters or the récapitulatif (which also
# print "Nom", "Prénoms", "Date de naissance"): titles and fields only a card or passport has.
IDENTITY_CUES = ("SEXE", "NATIONALITE", "TAILLE", "DATE DE DELIVRANCE",
                 "DELIVREE LE", "DATE D EXPIR", "VALABLE JUSQU", "ADRESSE", "CARTE NATIONALE",
                 "IDENTITY CARD", "PASSEPORT", "TITRE DE SEJOUR", "RESIDENCE PERMIT",
                 "SIGNATURE DU TITULAIRE", "SIGNATURE DE L AUTORITE", "PERMIS DE CONDUIRE")


# LIEU DE NAISSANCE and DATE DE NAISSANCE are 88 % alike: a cue must be closer than that.
_CUE_SCORE = 90.0


def identity_cues(segments: list[Segment]) -> list[str]:
    """The identity-document words found among the segments."""
    texts = [plain(s.text) for s in segments]
    found = []
    for cue in IDENTITY_CUES:
        if len(cue) < _FUZZY_FROM:
            hit = any(cue in text.split() for text in texts)
        else:
            # OCR misreads a letter of small labels ("ADMESSE", "DÉUVIANCE").
            hit = any(fuzz.partial_ratio(cue, text) >= _CUE_SCORE for text in texts
                      if len(text) >= len(cue) - 1)
        if hit:
            found.append(cue)
    return found
