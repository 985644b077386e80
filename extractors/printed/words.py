"""Words as Tesseract boxes them, gathered into segments: runs of words on one row."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One word and its box, in the pixels of the image that was read."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float

    @property
    def right(self) -> int:
        """Right edge."""
        return self.left + self.width

    @property
    def middle(self) -> float:
        """Vertical centre."""
        return self.top + self.height / 2


@dataclass(frozen=True)
class Segment:
    """Words on one row with no wide gap between them: a label, a value, or both."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The words, space separated."""
        return " ".join(w.text for w in self.words)

    @property
    def left(self) -> int:
        """Left edge."""
        return min(w.left for w in self.words)

    @property
    def right(self) -> int:
        """Right edge."""
        return max(w.right for w in self.words)

    @property
    def top(self) -> int:
        """Top edge."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        """Bottom edge."""
        return max(w.top + w.height for w in self.words)

    @property
    def height(self) -> float:
        """Median word height."""
        return sorted(w.height for w in self.words)[len(self.words) // 2]

    @property
    def confidence(self) -> float:
        """The least confident word's Tesseract confidence."""
        return min(w.confidence for w in self.words)


def words_of(data: dict[str, list]) -> list[Word]:
    """The words of pytesseract's image_to_data dictionary (empty boxes dropped)."""
    words = []
    for i, text in enumerate(data["text"]):
        if text and text.strip():
            words.append(Word(text.strip(), int(data["left"][i]), int(data["top"][i]),
                              int(data["width"][i]), int(data["height"][i]),
                              float(data["conf"][i])))
    return words


# Words belong to one row when their middles are closer than this share of their height;
# a gap wider than this many heights starts a new segment (columns of a card sit further
# apart than words of one value).
_SAME_ROW = 0.6
_GAP = 1.6


def segments_of(words: list[Word]) -> list[Segment]:
    """Rows of words split at wide gaps, top to bottom, left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        for row in rows:
            reference = row[-1]
            if abs(word.middle - reference.middle) < _SAME_ROW * min(word.height,
                                                                     reference.height):
                row.append(word)
                break
        else:
            rows.append([word])
    segments = []
    for row in rows:
        row.sort(key=lambda w: w.left)
        current = [row[0]]
        for word in row[1:]:
            height = max(word.height, current[-1].height)
            if word.left - current[-1].right > _GAP * height:
                segments.append(Segment(tuple(current)))
                current = []
            current.append(word)
        segments.append(Segment(tuple(current)))
    return sorted(segments, key=lambda s: (s.top, s.left))
