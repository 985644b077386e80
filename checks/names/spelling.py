"""One way of writing a name, with the keys it is compared by (accents, separators, MRZ forms)."""

import re
from dataclasses import dataclass
from functools import cached_property

from checks.names.transliteration import mrz_forms, to_mrz

# A run of separators keeps its strongest one: a name boundary, then a hyphen, an apostrophe,
# a space ("Jean - Pierre" is hyphenated, "Marie ,Anne" two names).
_STRENGTH = {",": 4, "-": 3, "'": 2, " ": 1}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "<": " ", ".": " ",
                              "\t": " "})

# Particles of French and neighbouring surnames; "d'" and "l'" are D and L once the apostrophe
# is a separator.
PARTICLES = frozenset({"DE", "DU", "DES", "LE", "LA", "LES", "D", "L", "DEL", "DELLA", "DI",
                       "DA", "DOS", "DAS", "VAN", "VON", "DER", "DEN", "TER", "TEN", "EL", "AL"})


def _collapse(form: str) -> str:
    return re.sub("<+", "<", form).strip("<")


@dataclass(frozen=True)
class Spelling:
    """A name as written somewhere; `precise` when accents and hyphens are known (not MRZ)."""

    text: str
    precise: bool = True

    @cached_property
    def upper(self) -> str:
        """Upper case, accents kept, separators normalised (one per run, the strongest)."""
        text = self.text.strip().translate(_APOSTROPHES)
        parts = re.split(r"([ ,\-']+)", text.upper())
        out = []
        for part in parts:
            if part and all(c in " ,-'" for c in part):
                out.append(max(part, key=lambda c: _STRENGTH[c]))
            else:
                out.append(part)
        return "".join(out).strip(" ,-'")

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The name's words, accents kept (JEAN-PIERRE D'ALMEIDA → JEAN, PIERRE, D, ALMEIDA)."""
        return tuple(w for w in re.split(r"[ ,\-']+", self.upper) if w)

    @cached_property
    def separators(self) -> tuple[str, ...]:
        """The separators between words, in order."""
        return tuple(re.findall(r"[ ,\-']", self.upper))

    @cached_property
    def letters(self) -> str:
        """Letters only, accents kept."""
        return "".join(self.words)

    @cached_property
    def has_diacritics(self) -> bool:
        """Whether the spelling carries any letter outside A-Z (so accents are known)."""
        return any(not ("A" <= c <= "Z" or c.isdigit()) for c in self.letters)

    @cached_property
    def forms(self) -> frozenset[str]:
        """Every ICAO MRZ spelling, separators collapsed to one `<`."""
        return frozenset(_collapse(f) for f in mrz_forms(self.upper))

    @cached_property
    def joined_forms(self) -> frozenset[str]:
        """Every ICAO MRZ spelling without separators (LE GOFF and LEGOFF meet here)."""
        return frozenset(f.replace("<", "") for f in self.forms)

    @cached_property
    def key(self) -> str:
        """The first MRZ spelling without separators: what scores are computed on."""
        return to_mrz(self.upper).replace("<", "")

    @cached_property
    def word_forms(self) -> tuple[frozenset[str], ...]:
        """The MRZ spellings of each word."""
        return tuple(mrz_forms(w) for w in self.words)

    def without_particles(self) -> tuple[str, ...]:
        """The words once leading particles are set aside (DE LA FONTAINE → FONTAINE)."""
        words = list(self.words)
        while len(words) > 1 and to_mrz(words[0]) in PARTICLES:
            words.pop(0)
        return tuple(words)


def same_word(left: frozenset[str], right: frozenset[str]) -> bool:
    """Two words are the same when one of their MRZ spellings is."""
    return bool(left & right)

