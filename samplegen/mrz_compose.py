"""Compose valid MRZ lines for synthetic documents: TD1, TD3 and the French 1988-2021 card."""

from datetime import date

from checks.names.transliteration import to_mrz
from extractors.mrz.checksum import check_digit
from samplegen.people import Person


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _names_field(surname: str, given: tuple[str, ...], width: int, separator: str = "<"
                 ) -> str:
    names = to_mrz(surname) + "<<" + separator.join(to_mrz(n) for n in given)
    # Long names are cut at the field's end, as the issuing authority does.
    return names[:width].ljust(width, "<")


def td1_lines(person: Person, code: str = "ID") -> list[str]:
    """Three lines of 30: the French ID card since 2021 (ID) or a residence permit (IR)."""
    number = person.document_number.ljust(9, "<")[:9]
    line1 = (code + "FRA" + number + check_digit(number)).ljust(30, "<")
    birth, expiry = _yymmdd(person.birth_date), _yymmdd(person.expiry_date)
    line2 = (birth + check_digit(birth) + person.sex + expiry + check_digit(expiry)
             + person.nationality).ljust(29, "<")
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += check_digit(composite)
    return [line1, line2, _names_field(person.surname, person.given_names, 30)]


def td3_lines(person: Person) -> list[str]:
    """Two lines of 44: a passport's data page."""
    line1 = ("P<FRA" + _names_field(person.surname, person.given_names, 39))[:44]
    number = person.document_number.ljust(9, "<")[:9]
    birth, expiry = _yymmdd(person.birth_date), _yymmdd(person.expiry_date)
    personal = "<" * 14
    line2 = (number + check_digit(number) + person.nationality + birth + check_digit(birth)
             + person.sex + expiry + check_digit(expiry) + personal + check_digit(personal))
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return [line1, line2 + check_digit(composite)]


def fra_1988_lines(person: Person, administrative_code: str) -> list[str]:
    """Two lines of 36: the laminated French ID card issued from 1988 to 2021.

    Line 1: IDFRA, surname (25), administrative code (6). Line 2: card number (12), check,
    given names separated by '<<' (14), birth date, check, sex, and a check over both lines.
    """
    surname = to_mrz(person.surname)[:25].ljust(25, "<")
    line1 = "IDFRA" + surname + administrative_code.ljust(6, "<")[:6]
    number = person.document_number
    given = "<<".join(to_mrz(n) for n in person.given_names)[:14].ljust(14, "<")
    birth = _yymmdd(person.birth_date)
    line2 = number + check_digit(number) + given + birth + check_digit(birth) + person.sex
    return [line1, line2 + check_digit(line1 + line2)]
