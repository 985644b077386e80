import random
from datetime import date

import numpy as np
import pytest
from PIL import Image, ImageDraw

from checks.identity import shows_identity_document
from extractors.mrz.repair import read_lines
from extractors.printed.accents import accented_word
from extractors.printed.fields import (
    clean_usage_name,
    guided_name,
    label_of,
    parse_date,
    restore_separators,
    split_given_names,
    value_of,
)
from extractors.printed.reader import read_printed
from extractors.printed.straighten import rotate, skew_angle
from extractors.printed.words import Word, segments_of
from extractors.tesseract import ocr_choices
from samplegen.fonts import sans
from samplegen.identity import cni_1988_front, cni_2021_front, passport_page
from samplegen.mrz_compose import td1_lines, td3_lines
from samplegen.people import Person

PERSON = Person("Thébault", ("Zoé", "Anne-Sophie"), "F", date(1999, 4, 17), "Nantes",
                usage_name="Le Goff").with_document("X4RTBPFW4", date(2022, 1, 2),
                                                    date(2032, 1, 1))


def words(*rows):
    """Words laid out as rows: (text, left, top, height) each."""
    return [Word(text, left, top, len(text) * height // 2, height, 95.0)
            for text, left, top, height in rows]


# --- pure parts ---------------------------------------------------------------------------

def test_dates_are_read_through_ocr_confusions():
    assert parse_date("17 04 2007") == date(2007, 4, 17)
    assert parse_date("Né(e) le : 17.O4.2OO7") == date(2007, 4, 17)
    assert parse_date("31 02 2007") is None


def test_names_keep_accents_hyphens_and_order():
    assert split_given_names("Zoé, Anne- Sophie ,") == ("Zoé", "Anne-Sophie")
    assert clean_usage_name("ép. LE GOFF") == "LE GOFF"
    assert restore_separators("THÉBAU LT", "THEBAULT") == "THÉBAULT"
    assert restore_separators("Zoé, Anne-Sophie", "ZOE ANNE SOPHIE") == "Zoé, Anne-Sophie"


def test_a_value_is_found_below_its_label_or_beside_it():
    below = segments_of(words(("NOM", 100, 100, 15), ("/", 150, 100, 15),
                              ("Surname", 170, 100, 15), ("THÉBAULT", 100, 122, 28)))
    label = next(s for s in below if label_of(s))
    assert label_of(label) == ("surname", 1)
    assert value_of(label, 1, below).text == "THÉBAULT"
    beside = segments_of(words(("Prénom(s)", 100, 100, 17), (":", 190, 100, 17),
                               ("Zoé,", 300, 96, 25), ("Anne-Sophie", 370, 96, 25)))
    label = next(s for s in beside if label_of(s))
    assert label_of(label)[0] == "given_names"
    assert value_of(label, 2, beside).text == "Zoé, Anne-Sophie"


def test_the_mrz_name_points_at_its_printed_form_among_other_words():
    segments = segments_of(words(("RÉPUBLIQUE", 10, 10, 30), ("THÉBAULT", 100, 122, 28),
                                 ("F", 400, 122, 28)))
    assert guided_name(segments, "THEBAULT").text == "THÉBAULT"
    assert guided_name(segments, "MARTIN") is None


def test_skew_is_measured_from_the_text_rows():
    card = np.asarray(cni_2021_front(PERSON, random.Random(1)).convert("L"))
    assert abs(skew_angle(rotate(card, -7.0)) - 7.0) <= 1.0


# --- real Tesseract on drawn documents ------------------------------------------------------

def gray(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"))


def test_the_front_of_a_2021_card_is_read_with_the_backs_mrz_as_guide():
    guide = read_lines(td1_lines(PERSON))
    zone = read_printed([gray(cni_2021_front(PERSON, random.Random(3)))], None, guide)
    assert zone is not None
    assert (zone.surname, zone.given_names) == ("THÉBAULT", ("Zoé", "Anne-Sophie"))
    assert zone.usage_name == "LE GOFF"
    assert zone.birth_date == date(1999, 4, 17)
    # The front carries the card's own words: it is the identity document, not a letter.
    assert shows_identity_document(zone)


@pytest.mark.parametrize("turn", [0.0, 180.0])
def test_a_1988_card_photographed_upside_down_is_still_read(turn):
    person = Person("Hervé", ("Loïc", "Noël"), "F", date(1990, 3, 12), "Nantes",
                    usage_name="Le Bihan")
    page = rotate(gray(cni_1988_front(person.with_document("120544312345", date(2012, 5, 1),
                                                           date(2027, 5, 31)), "044013",
                                      random.Random(5))), turn)
    zone = read_printed([page], None)
    assert zone is not None and zone.surname == "HERVÉ"
    assert zone.given_names == ("Loïc", "Noël")
    assert zone.usage_name == "LE BIHAN"  # the "Épouse" row


def test_a_page_without_an_identity_document_gives_nothing():
    blank = np.full((600, 900), 255, dtype=np.uint8)
    assert read_printed([blank], None) is None


def test_a_passport_page_gives_its_names_found_from_its_own_mrz():
    person = Person("D'Almeida", ("João",), "M", date(1988, 7, 1), "Porto").with_document(
        "20DD94051", date(2022, 1, 2), date(2032, 1, 1))
    page = gray(passport_page(person, random.Random(2)))
    zone = read_printed([page], read_lines(td3_lines(person)))
    assert zone is not None and zone.surname == "D'ALMEIDA"
    assert zone.source["found_by"]["surname"] == "mrz"


def test_a_long_surname_is_printed_smaller_and_read_whole():
    # The passport's right column is 430 px: this surname at the usual size would run off
    # the page, and a reader could only give its start.
    person = Person("Kerguelen de Trémarec-Lannion", ("Marie-Hélène",), "F", date(2001, 2, 3),
                    "Brest").with_document("21AB12345", date(2022, 1, 2), date(2032, 1, 1))
    page = gray(passport_page(person, random.Random(4)))
    assert page[:, -12:].min() > 60  # no ink cut at the page's right edge
    zone = read_printed([page], read_lines(td3_lines(person)))
    assert zone is not None and zone.surname == "KERGUELEN DE TRÉMAREC-LANNION"


def drawn_word(shown: str, told: str) -> tuple[np.ndarray, Word]:
    """A bold 30-px word on white, and a Word box around it that says `told`."""
    image = Image.new("L", (400, 80), 255)
    ImageDraw.Draw(image).text((20, 20), shown, font=sans(30, bold=True), fill=0)
    pixels = np.asarray(image)
    ys, xs = np.where(pixels < 128)
    return pixels, Word(told, int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1),
                        int(ys.max() - ys.min() + 1), 90.0)


@pytest.mark.parametrize(("shown", "told"), [("Loïc", "Loic"), ("Benoît", "Benoit"),
                                             ("Anaïs", "Anais")])
def test_an_accent_the_first_read_dropped_from_an_i_is_put_back(shown, told):
    assert accented_word(*drawn_word(shown, told)) == shown


@pytest.mark.parametrize(("shown", "told"), [("Louis", "Louis"), ("Loic", "Loic"),
                                             ("Camille", "Camille"), ("Loïc", "Marie")])
def test_a_plain_i_or_a_word_read_otherwise_is_left_as_it_was(shown, told):
    assert accented_word(*drawn_word(shown, told)) == told


def test_tesseract_gives_each_character_with_its_other_choices():
    pixels, _ = drawn_word("Benoît", "Benoît")
    glyphs = [g for g in ocr_choices(pixels, lang="fra", psm=7) if g.text.strip()]
    assert "".join(g.text for g in glyphs).lower().startswith("beno")
    # The first choice leads its list; the i's list holds î (read first, or second).
    assert all(g.choices and g.choices[0][0] == g.text for g in glyphs)
    assert any("î" in dict(g.choices) for g in glyphs)
