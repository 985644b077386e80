"""The OCR-B reader on drawn documents: photographed, turned, scanned."""

import random
from datetime import date

import pytest

from extractors.extract import extract_file
from samplegen.capture import PhotoStyle, flatbed_scan, pdf_of_images, phone_photo, save_jpeg
from samplegen.identity import Address, cni_1988_front, cni_2021_back, passport_page
from samplegen.mrz_compose import fra_1988_lines, td1_lines, td3_lines
from samplegen.people import Person

PERSON = Person("Saint-Martin", ("Maëlys", "Anne-Sophie"), "F", date(1999, 7, 13), "Nantes",
                document_number="X4RTBPFW4", issue_date=date(2022, 3, 1),
                expiry_date=date(2032, 3, 1))
ADDRESS = Address("12 rue des Lilas", "44000", "Nantes")


def read(data: bytes):
    return extract_file(data, "piece", max_bytes=50 * 1024 * 1024)


@pytest.mark.parametrize("style", [
    PhotoStyle(), PhotoStyle(quarter_turns=1, angle=-7), PhotoStyle(quarter_turns=2, angle=4),
    PhotoStyle(quarter_turns=3, perspective=0.12, blur=1.4, light=0.6),
])
def test_a_photographed_2021_card_reads_exactly_at_any_turn(style):
    photo = phone_photo(cni_2021_back(PERSON, ADDRESS, random.Random(1)), random.Random(2),
                        style)
    result = read(save_jpeg(photo, 80))
    assert result.mrz.valid and result.mrz.lines == td1_lines(PERSON)
    assert result.document_type == "cni_td1"


def test_exif_orientation_is_honoured():
    photo = phone_photo(cni_2021_back(PERSON, ADDRESS, random.Random(1)), random.Random(3),
                        PhotoStyle(angle=3))
    result = read(save_jpeg(photo, 80, exif_orientation=6))
    assert result.mrz.valid and result.mrz.lines == td1_lines(PERSON)
    assert result.mrz.source["upside_down"] is False


def test_scanned_old_card_and_passport_in_a_pdf():
    old = PERSON.with_document("120644312345", date(2012, 6, 1), date(2027, 6, 1))
    passport = PERSON.with_document("20DD94051", date(2022, 3, 1), date(2032, 3, 1))
    rng = random.Random(4)
    pages = flatbed_scan([[cni_1988_front(old, "044013", rng)], [passport_page(passport, rng)]],
                         rng, 150)
    result = read(pdf_of_images(pages, 150))
    # The first page that gives a valid MRZ wins: the old card.
    assert result.mrz.format == "FRA_CNI_1988" and result.mrz.lines == fra_1988_lines(
        old, "044013")
    single = read(pdf_of_images(pages[1:], 150))
    assert single.mrz.lines == td3_lines(passport) and single.document_type == "passport"


def test_documents_without_an_mrz_get_none():
    from samplegen.letters import attestation_pdf

    result = read(attestation_pdf("Certificat de scolarité", ["TEXTE EN CAPITALES " * 3],
                                  "CNED"))
    assert result.mrz is None and result.document_type is None
