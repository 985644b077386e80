"""Reading récapitulatifs and other pieces: kind, fields, signature, on generated and real pages."""

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from extractors.extract import read_pages, read_piece_file
from extractors.piece_kind import piece_kind
from extractors.recap import read_recap
from extractors.signature.ink import judge_ink
from extractors.signature.reader import read_signature
from samplegen.letters import RecapContent, Signing, attestation_pdf
from samplegen.pieces import PieceSpec, render_recap
from schemas.extraction import FileExtraction, FileFormat

CONTENT = RecapContent(
    candidate_id="02612345678", civility="MME", birth_name="LE GOFF", usage_name=None,
    given_names=("Marie", "Élodie"), birth_date=date(1999, 4, 17), specialty_code="MCO",
    specialty="Management commercial opérationnel", options=("LV2-ESP", "MATHS"),
    status="cned", handicap=False, printed_on=date(2025, 10, 20))
SIGNED = (Signing.IN_BOX, Signing.OVERFLOW)
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def recap_file(capture: str, signing: Signing, seed: int = 3) -> bytes:
    spec = PieceSpec(slot="recapitulatif", kind="recap", capture=capture,
                     filename="recap", recap=CONTENT, signing=signing)
    return render_recap(spec, random.Random(seed))


def read(data: bytes, name: str = "recap.pdf") -> FileExtraction:
    return read_piece_file(data, name, max_bytes=50_000_000)


@pytest.mark.parametrize("signing", list(Signing))
def test_the_digital_recap_is_read_from_its_text_layer_and_its_signature_judged(signing):
    extraction = read(recap_file("digital", signing))
    assert extraction.document_type == "recapitulatif"
    recap = extraction.recap
    assert recap is not None and recap.source == "text_layer"
    assert (recap.candidate_id, recap.birth_name, recap.given_names, recap.birth_date) == (
        "02612345678", "LE GOFF", ("Marie", "Élodie"), date(1999, 4, 17))
    assert (recap.specialty_code, recap.options) == ("MCO", ("LV2-ESP", "MATHS"))
    signature = extraction.signature
    assert signature is not None and signature.found_by == "label"
    # A vector signature drawn into the PDF counts; a typed name does not.
    assert signature.present is (signing in SIGNED)
    # The box sits in the page's lower right (samplegen.letters.SIGNATURE_BOX).
    x0, y0, x1, y1 = signature.box
    assert 0.5 < x0 < x1 <= 1 and 0.6 < y0 < y1 < 0.95


@pytest.mark.parametrize("signing", [Signing.IN_BOX, Signing.OVERFLOW, Signing.NONE,
                                     Signing.TYPED_NAME])
def test_a_printed_recap_signed_with_a_pen_and_scanned_is_judged_by_its_ink(signing):
    extraction = read(recap_file("scan", signing))
    assert extraction.document_type == "recapitulatif"
    assert extraction.recap is not None and extraction.recap.source == "ocr"
    assert extraction.recap.candidate_id == "02612345678"
    assert extraction.signature is not None
    assert extraction.signature.present is (signing in SIGNED)


@pytest.mark.parametrize("capture", ["digital", "scan"])
@pytest.mark.parametrize(("given", "surname"), [("Agathe", "THOMAS"), ("Gaëlle", "PAGNY")])
def test_a_typed_name_as_tall_as_a_stroke_is_no_signature(capture, given, surname):
    # Typed in the box in 12 pt, from a capital's top to a g's foot it is as tall as a pen
    # stroke, and its letters, joined, as long: the words read as print are not judged.
    spec = PieceSpec(slot="recapitulatif", kind="recap", capture=capture, filename="recap",
                     recap=replace(CONTENT, birth_name=surname, given_names=(given,)),
                     signing=Signing.TYPED_NAME)
    extraction = read(render_recap(spec, random.Random(3)))
    assert extraction.signature is not None and extraction.signature.present is False


@pytest.mark.parametrize("seed", [1, 2])
def test_a_phone_photo_of_the_recap_is_flattened_and_its_signature_found(seed):
    signed = read(recap_file("photo", Signing.IN_BOX, seed), "recap.jpg")
    unsigned = read(recap_file("photo", Signing.NONE, seed), "recap.jpg")
    assert signed.signature is not None and signed.signature.present
    assert unsigned.signature is not None and not unsigned.signature.present
    assert signed.signature.found_by in ("label", "box")


@pytest.mark.parametrize("kind, title, body", [
    ("jdc", "Certificat individuel de participation à la JDC",
     ["Marie LE GOFF a participé à la Journée défense et citoyenneté."]),
    ("releve_notes", "Relevé de notes - session 2025", ["Moyenne générale : 8,75 / 20"]),
    ("certificat_scolarite", "Certificat de scolarité", ["est inscrit(e) en formation BTS"]),
    ("certificat_travail", "Certificat de travail", ["employé(e) depuis 2022"]),
    ("amenagement", "Décision d'aménagement des conditions d'examen",
     ["Temps majoré d'un tiers."]),
    ("cv", "Curriculum vitae", ["Expérience : vente, accueil."]),
])
def test_each_kind_of_piece_is_named_from_its_text(kind, title, body):
    extraction = read(attestation_pdf(title, body, "Émetteur"), "piece.pdf")
    assert extraction.document_type == kind
    assert extraction.recap is None


def test_noise_with_every_phrase_somewhere_in_its_letters_names_no_piece():
    # OCR of a blurred photo: words near the phrases' letters, never the phrases' words.
    noise = ("ATTESTATIONDERECENSEMENT RELEVEDENOTES A CONDITIONS D EXA MEN "
             "amenagement des condi tions")
    assert piece_kind(noise) is None


def test_a_blank_page_is_no_piece_and_unsigned():
    blank = attestation_pdf("", [], "")
    extraction = read(blank, "blank.pdf")
    assert extraction.document_type is None
    assert extraction.signature is not None and not extraction.signature.present


def test_straight_rules_and_printed_text_are_not_ink():
    page = np.full((600, 800), 255, np.uint8)
    page[300:303, 50:750] = 0  # a rule
    page[100:500, 400:403] = 0  # a vertical rule
    for x in range(60, 700, 14):  # a row of letter-sized marks
        page[200:212, x:x + 8] = 0
    judged = judge_ink(page, (0, 0, 800, 600), text_height=12.0)
    assert judged.strokes == () and not judged.present


def test_a_value_in_its_labels_own_segment_is_read():
    # "Édité le 20/10/2025" is one segment: label and value together.
    data = recap_file("digital", Signing.IN_BOX)
    extraction = read(data)
    page = read_pages(data, extraction)[0]
    assert read_recap(page).printed_on == date(2025, 10, 20)


@pytest.mark.skipif(not (EVAL / "signatures").is_dir(), reason="../shared/eval absent")
def test_a_prefecture_order_without_signature_label_page_one_unsigned_page_two_signed():
    data = (EVAL / "signatures" / "enzoseason" / "signed_file.pdf").read_bytes()
    extraction = FileExtraction(file="signed_file.pdf", size=len(data), sha256=None,
                                format=FileFormat.PDF, readable=True, has_text_layer=False)
    pages = read_pages(data, extraction)
    first, second = (read_signature([page]) for page in pages)
    assert first is not None and second is not None
    # No "Signature" label nor box on a prefecture order: the whole page is judged.
    assert first.found_by == second.found_by == "page"
    assert not first.present and second.present
    assert read_signature(pages).page == 2
