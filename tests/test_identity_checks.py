from datetime import date

import pytest

from checks.identity import check_identity_document, identity_summary, validity_end
from extractors.mrz.repair import read_lines
from samplegen.mrz_compose import fra_1988_lines, td1_lines, td3_lines
from samplegen.people import Person
from schemas.extraction import FileExtraction, FileFormat, ProblemKind
from schemas.printed import PrintedZone
from tests.factories import account, facts, piece, unreadable

PERSON = Person("Le Goff", ("Marie",), "F", date(1980, 3, 12), "Nantes")


def extraction(lines, document_type):
    reading = read_lines(lines)
    return FileExtraction(file="cni.jpg", size=100, sha256="0" * 64, format=FileFormat.JPEG,
                          readable=True, mrz=reading, document_type=document_type)


def old_card(issued: date, born: date = PERSON.birth_date):
    person = Person("Le Goff", ("Marie",), "F", born, "Nantes")
    number = f"{issued:%y%m}44312345"
    return fra_1988_lines(person.with_document(number, issued, issued), "044013")


@pytest.mark.parametrize(("issued", "born", "end", "years"), [
    (date(2005, 6, 1), date(1980, 3, 12), date(2020, 6, 30), 15),
    (date(2013, 12, 1), date(1980, 3, 12), date(2028, 12, 31), 15),
    (date(2014, 1, 1), date(1980, 3, 12), date(2024, 1, 31), 10),
    (date(2003, 12, 1), date(1980, 3, 12), date(2013, 12, 31), 10),
    # A minor in 2008: ten years, although the card was issued in the 15-year period.
    (date(2008, 5, 1), date(1995, 1, 20), date(2018, 5, 31), 10),
])
def test_the_1988_card_is_valid_10_or_15_years_from_its_issue_month(issued, born, end, years):
    reading = read_lines(old_card(issued, born))
    assert reading.valid
    valid_until, rule = validity_end(reading)
    assert valid_until == end and str(years) in rule


def test_expired_documents_are_flagged_on_the_reference_day_only():
    expired = PERSON.with_document("20DD94051", date(2014, 1, 2), date(2024, 1, 1))
    result = check_identity_document(facts(pieces=(
        piece("identite", extraction=extraction(td3_lines(expired), "passport")),)))
    assert [f.code.value for f in result] == ["ID_EXPIRED"]
    assert result[0].evidence["valid_until"] == "2024-01-01"
    valid = PERSON.with_document("20DD94051", date(2016, 1, 2), date(2026, 1, 1))
    assert check_identity_document(facts(pieces=(
        piece("identite", extraction=extraction(td3_lines(valid), "passport")),))) == []


def test_an_old_card_valid_fifteen_years_is_not_expired_although_it_says_ten():
    lines = old_card(date(2012, 3, 1))  # printed: valid until 2022; truly until 2027
    assert check_identity_document(facts(pieces=(
        piece("identite", extraction=extraction(lines, "cni_1988")),))) == []


def test_unread_invalid_and_refused_documents():
    no_mrz = FileExtraction(file="p.jpg", size=10, sha256="0" * 64, format=FileFormat.JPEG,
                            readable=True)
    assert [f.code.value for f in check_identity_document(facts(pieces=(
        piece("identite", extraction=no_mrz),)))] == ["ID_UNREADABLE"]
    broken = td1_lines(PERSON.with_document("X4RTBPFW4", date(2021, 6, 2), date(2031, 6, 1)))
    broken[1] = broken[1][:29] + str((int(broken[1][29]) + 1) % 10)
    result = check_identity_document(facts(pieces=(
        piece("identite", extraction=extraction(broken, None)),)))
    assert [f.code.value for f in result] == ["ID_MRZ_INVALID"]
    assert result[0].evidence["checks"]["composite"] is False
    assert "chiffres de contrôle : composite" in result[0].message
    # Every check digit passes, but no state uses the nationality read: the MRZ is not
    # called invalid (the contract's ID_MRZ_INVALID is about check digits), nor valid.
    stateless = td1_lines(PERSON.with_document("X4RTBPFW4", date(2021, 6, 2), date(2031, 6, 1)))
    stateless[1] = stateless[1][:15] + "FKA" + stateless[1][18:]
    outside = facts(pieces=(piece("identite", extraction=extraction(stateless, "cni_td1")),))
    assert check_identity_document(outside) == []
    assert identity_summary(outside).mrz_valid is False
    licence = extraction(["D1FRA13AA000026181231MARTIN<<9"], "driving_licence")
    assert [f.code.value for f in check_identity_document(facts(pieces=(
        piece("identite", extraction=licence),)))] == ["ID_TYPE_NOT_ACCEPTED"]
    # Only unreadable files: FILE_UNREADABLE says it already.
    assert check_identity_document(facts(pieces=(
        piece("identite", extraction=unreadable("x.jpg", ProblemKind.TRUNCATED)),))) == []


def test_the_verdict_identity_comes_from_the_valid_mrz():
    card = PERSON.with_document("X4RTBPFW4", date(2021, 6, 2), date(2031, 6, 1))
    summary = identity_summary(facts(account(), pieces=(
        piece("identite", extraction=extraction(td1_lines(card), "cni_td1")),)))
    assert (summary.document_type, summary.surname, summary.given_names) == (
        "cni_td1", "LE GOFF", ["MARIE"])
    assert (summary.birth_date, summary.expiry_date, summary.mrz_valid) == (
        date(1980, 3, 12), date(2031, 6, 1), True)


def test_a_dark_blurred_photo_is_named_as_such_only_when_reading_failed():
    dark = {"sharpness": 1.0, "brightness": 53.0, "contrast": 19.0, "glare": 0.0,
            "long_side": 900.0}
    no_mrz = FileExtraction(file="p.jpg", size=10, sha256="0" * 64, format=FileFormat.JPEG,
                            readable=True, quality=dark)
    result = check_identity_document(facts(pieces=(piece("identite", extraction=no_mrz),)))
    assert [f.code.value for f in result] == ["IMAGE_QUALITY_LOW"]
    assert "floue" in result[0].message and "sombre" in result[0].message
    # The same figures on a file whose MRZ was read: nothing to say.
    card = PERSON.with_document("X4RTBPFW4", date(2021, 6, 2), date(2031, 6, 1))
    read = extraction(td1_lines(card), "cni_td1").model_copy(update={"quality": dark})
    assert check_identity_document(facts(pieces=(piece("identite", extraction=read),))) == []


def test_a_driving_licence_without_mrz_is_recognised_by_its_title():
    printed = PrintedZone(source={"identity_cues": ["PERMIS DE CONDUIRE"]})
    licence = FileExtraction(file="permis.jpg", size=10, sha256="0" * 64,
                             format=FileFormat.JPEG, readable=True, printed=printed)
    result = check_identity_document(facts(pieces=(piece("identite", extraction=licence),)))
    assert [f.code.value for f in result] == ["ID_TYPE_NOT_ACCEPTED"]
