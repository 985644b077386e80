"""ICAO 9303 part 3 transliteration of Latin letters to the MRZ alphabet (A-Z, `<`)."""

import unicodedata
from functools import lru_cache
from itertools import product

# Letters ICAO transliterates to something other than their base letter, or to several
# recommended forms (the first is the one issuers use most: Ä → AE, Ü → UE). Every other
# accented Latin letter loses its diacritic (É → E, Ł → L, Ş → S).
_SPECIAL: dict[str, tuple[str, ...]] = {
    "Ä": ("AE", "A"), "Å": ("AA", "A"), "Æ": ("AE",), "Ñ": ("N", "NXX"),
    "Ö": ("OE", "O"), "Ø": ("OE",), "Ü": ("UE", "UXX", "U"), "Þ": ("TH",), "Ĳ": ("IJ",),
    "Œ": ("OE",), "ß": ("SS",), "ẞ": ("SS",),
    # Letters with a stroke or without a dot do not decompose in Unicode.
    "Ð": ("D",), "Đ": ("D",), "Ħ": ("H",), "Ł": ("L",), "Ŀ": ("L",), "Ŋ": ("N",),
    "Ŧ": ("T",), "ı": ("I",),
}
# What separates name parts on paper; the MRZ writes each as `<`.
SEPARATORS = frozenset(" -'’‘`´.,<\t")


def letter_forms(char: str) -> tuple[str, ...]:
    """The MRZ forms of one character: its recommended transliterations, `<` for a separator."""
    if char in SEPARATORS:
        return ("<",)
    upper = char.upper() if char != "ß" else "ß"
    if upper in _SPECIAL:
        return _SPECIAL[upper]
    if "A" <= upper <= "Z" or upper.isdigit():
        return (upper,)
    base = "".join(c for c in unicodedata.normalize("NFKD", upper)
                   if not unicodedata.combining(c))
    if base and all("A" <= c <= "Z" for c in base):
        return (base,)
    return ("",)  # not a Latin letter: nothing in the MRZ


def to_mrz(text: str) -> str:
    """The name as an issuer writes it in the MRZ (first recommended form of each letter)."""
    return "".join(letter_forms(c)[0] for c in text.strip())


# Up to this many letters with several forms are expanded (Ä, Ö, Ü each have two or three):
# 3 ** 4 forms stays small, and real names rarely hold more than two.
_MAX_AMBIGUOUS = 4


@lru_cache(maxsize=4096)
def mrz_forms(text: str) -> frozenset[str]:
    """Every MRZ spelling ICAO allows for the name (MÜLLER → MUELLER, MUXXLLER, MULLER)."""
    choices = [letter_forms(c) for c in text.strip()]
    if sum(len(c) > 1 for c in choices) > _MAX_AMBIGUOUS:
        return frozenset({to_mrz(text)})
    return frozenset("".join(parts) for parts in product(*choices))
