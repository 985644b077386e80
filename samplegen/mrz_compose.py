"""Compose valid MRZ lines (TD1 ID card, TD3 passport) for synthetic documents."""

import unicodedata
from datetime import date

from extractors.mrz.checksum import check_digit
from samplegen.people import Person


def mrz_name(text: str) -> str:
    """Upper case without accents; spaces, hyphens and apostrophes become '<' (ICAO 9303)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "<" for c in plain.upper())


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _names_field(person: Person, width: int) -> str:
    names = mrz_name(person.surname) + "<<" + "<".join(mrz_name(n) for n in person.given_names)
    return names[:width].ljust(width, "<")


def td1_lines(person: Person, code: str = "ID") -> list[str]:
    """Three lines of 30 characters, as on the French ID card issued since 2021."""
    number = person.document_number.ljust(9, "<")[:9]
    line1 = (code + person.nationality + number + check_digit(number)).ljust(30, "<")
    birth, expiry = _yymmdd(person.birth_date), _yymmdd(person.expiry_date)
    line2 = (birth + check_digit(birth) + person.sex + expiry + check_digit(expiry)
             + person.nationality).ljust(29, "<")
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += check_digit(composite)
    return [line1, line2, _names_field(person, 30)]


def td3_lines(person: Person) -> list[str]:
    """Two lines of 44 characters, as in a passport."""
    line1 = ("P<" + person.nationality + _names_field(person, 39))[:44]
    number = person.document_number.ljust(9, "<")[:9]
    birth, expiry = _yymmdd(person.birth_date), _yymmdd(person.expiry_date)
    personal = "<" * 14
    line2 = (number + check_digit(number) + person.nationality + birth + check_digit(birth)
             + person.sex + expiry + check_digit(expiry) + personal + check_digit(personal))
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return [line1, line2 + check_digit(composite)]
