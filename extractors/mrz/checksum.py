"""ICAO 9303 check digits: weights 7, 3, 1 over digits, letters (A=10..Z=35) and fillers (<=0)."""

_WEIGHTS = (7, 3, 1)


def char_value(char: str) -> int:
    """The value a character counts for in a check digit."""
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"caractère hors MRZ : {char!r}")


def check_digit(field: str) -> str:
    """The check digit of a field, as the character printed after it."""
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field))
    return str(total % 10)
