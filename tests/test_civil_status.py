import csv
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.civil_status import check_civil_status, civil_status_findings
from checks.names.compare import (
    DocumentName,
    compare_birth_date,
    compare_given_names,
    compare_surname,
)
from checks.names.transliteration import letter_forms, mrz_forms, to_mrz
from evaluation.name_pairs import account_of, document_mrz, printed_zone, score_pairs
from extractors.mrz.repair import read_lines
from samplegen.mrz_compose import fra_1988_lines, td1_lines
from samplegen.name_pairs import CivilStatus, NamePair, build_pairs, read_pairs
from samplegen.people import Person
from schemas.civil_status import Agreement, Difference, Source
from schemas.extraction import FileExtraction, FileFormat
from schemas.printed import PrintedZone
from tests.conftest import EVAL
from tests.factories import account, facts, piece

PAIRS = Path(__file__).parent / "data" / "civil_status_pairs.csv"
TRANSLITERATION = EVAL / "mrz_text" / "icao9303_p3_latin_transliteration.csv"


def codes(findings):
    return sorted(f.code.value for f in findings)


# --- the labelled pairs -------------------------------------------------------------------

def test_the_committed_pairs_are_the_ones_the_builder_makes():
    pairs = read_pairs(PAIRS)
    assert len(pairs) >= 300
    assert [p.row() for p in pairs] == [p.row() for p in build_pairs()]


def test_no_different_person_is_accepted_and_same_person_variants_get_their_code():
    report = score_pairs(read_pairs(PAIRS))
    assert report.different > 100
    assert report.false_matches == []
    assert report.same_right / report.same >= 0.98


def test_with_the_mrz_alone_no_different_person_is_accepted_either():
    assert score_pairs(read_pairs(PAIRS), with_printed=False).false_matches == []


# --- transliteration ----------------------------------------------------------------------

@pytest.mark.skipif(not TRANSLITERATION.exists(), reason="../shared/eval is not beside this "
                    "checkout")
def test_transliteration_follows_the_icao_table():
    with TRANSLITERATION.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            allowed = {f.strip() for f in row["icao_recommended_transliteration"].split(" or ")}
            assert set(letter_forms(row["character"])) == allowed, row["description"]


def test_mrz_spellings():
    assert to_mrz("Le Goff-D'Ørsted") == "LE<GOFF<D<OERSTED"
    assert mrz_forms("Müller") == {"MUELLER", "MULLER", "MUXXLLER"}
    assert to_mrz("Bœuf ß") == "BOEUF<SS"


# --- one field at a time -----------------------------------------------------------------

def test_usage_name_typed_as_birth_name_says_so():
    result = compare_surname(DocumentName(mrz="LE GOFF", printed="LE GOFF"), "MARTIN", None,
                             document_usage_name="MARTIN")
    assert result.agreement is Agreement.MISMATCH
    assert result.differences == (Difference.USAGE_AS_BIRTH_NAME,)


def test_the_documents_surname_as_the_accounts_usage_name_is_a_variant():
    result = compare_surname(DocumentName(mrz="LE GOFF"), "MARTIN", "Le Goff")
    assert (result.agreement, result.differences) == (Agreement.VARIANT,
                                                      (Difference.USAGE_NAME,))


def test_a_dropped_particle_is_a_mismatch_named_as_such():
    result = compare_surname(DocumentName(mrz="DE LA FONTAINE"), "FONTAINE", None)
    assert result.differences == (Difference.PARTICLE,)


def test_given_names_missing_swapped_or_added_are_told_apart():
    document = DocumentName(mrz="MARIE, ELODIE", printed="Marie, Élodie")
    missing = compare_given_names(document, ["Marie"])
    assert missing.differences == (Difference.MISSING_GIVEN_NAMES,)
    assert missing.detail["missing"] == ["ÉLODIE"]
    assert compare_given_names(document, ["Élodie", "Marie"]).differences == (Difference.ORDER,)
    assert compare_given_names(document, ["Marie", "Élodie", "Anne"]).differences == (
        Difference.EXTRA_GIVEN_NAMES,)
    assert compare_given_names(document, ["Marie", "Elodie"]).differences == (
        Difference.ACCENTS,)


def test_a_name_cut_by_the_mrz_matches_its_full_form():
    document = DocumentName(mrz="JEAN PIERRE, LO", truncated=True)
    result = compare_given_names(document, ["Jean-Pierre", "Louis"])
    assert result.agreement is Agreement.SAME and Difference.TRUNCATED in result.differences
    # Not cut: the same prefix is a different name.
    assert compare_given_names(DocumentName(mrz="JEAN PIERRE, LO"), ["Jean-Pierre", "Louis"]
                               ).agreement is Agreement.MISMATCH


def test_an_ocr_slip_in_the_mrz_name_is_outvoted_by_the_printed_zone_and_the_account():
    result = compare_surname(DocumentName(mrz="CHRISTOPHF", printed="CHRISTOPHE"),
                             "Christophe", None)
    assert result.agreement is Agreement.SAME and result.source is Source.PRINTED
    assert result.detail["readings"] == {"mrz": "CHRISTOPHF", "printed": "CHRISTOPHE"}
    # Two letters apart: the MRZ stays the anchor and the account differs from it.
    far = compare_surname(DocumentName(mrz="CHRISTOPHX", printed="CHRISTIPHE"), "Christiphe",
                          None)
    assert far.agreement is Agreement.MISMATCH and far.source is Source.MRZ


def test_birth_dates_day_and_month_swapped():
    swapped = compare_birth_date(date(2001, 3, 12), date(2001, 12, 3), Source.MRZ)
    assert swapped.differences == (Difference.DAY_MONTH_SWAP,)
    other = compare_birth_date(date(2001, 3, 12), date(2001, 3, 22), Source.MRZ)
    assert other.differences == (Difference.DIFFERENT,) and other.detail["days_apart"] == 10


# --- the check on a dossier -----------------------------------------------------------------

def identity_piece(lines, printed=None):
    extraction = FileExtraction(file="cni.jpg", size=100, sha256="0" * 64,
                                format=FileFormat.JPEG, readable=True, mrz=read_lines(lines),
                                document_type="cni_td1", printed=printed)
    return piece("identite", "cni.jpg", extraction=extraction)


PERSON = Person("Le Goff", ("Marie", "Élodie"), "F", date(1990, 3, 12), "Nantes")


def test_a_matching_dossier_has_no_civil_status_finding():
    lines = td1_lines(PERSON.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    assert check_civil_status(facts(pieces=(identity_piece(lines),))) == []


def test_mismatch_messages_show_both_spellings_and_the_difference():
    lines = td1_lines(PERSON.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    typed = account(birth_name="LE GOF", given_names=("Marie",), birth_date=date(1990, 12, 3))
    findings = check_civil_status(facts(typed, pieces=(identity_piece(lines),)))
    assert codes(findings) == ["BIRTHDATE_MISMATCH", "GIVEN_NAMES_MISMATCH", "SURNAME_MISMATCH"]
    by_code = {f.code.value: f for f in findings}
    surname = by_code["SURNAME_MISMATCH"]
    assert "« LE GOFF »" in surname.message and "« LE GOF »" in surname.message
    assert surname.evidence["document"] == "LE GOFF" and surname.evidence["account"] == "LE GOF"
    assert 0 < surname.evidence["score"] < 100
    assert "ELODIE" in by_code["GIVEN_NAMES_MISMATCH"].message
    assert "inversés" in by_code["BIRTHDATE_MISMATCH"].message


def test_accents_dropped_are_seen_only_with_the_printed_zone():
    lines = td1_lines(PERSON.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    typed = account(given_names=("Marie", "Elodie"))
    assert check_civil_status(facts(typed, pieces=(identity_piece(lines),))) == []
    printed = PrintedZone(surname="LE GOFF", given_names=("Marie", "Élodie"))
    findings = check_civil_status(facts(typed, pieces=(identity_piece(lines, printed),)))
    assert codes(findings) == ["NAME_VARIANT"]
    assert findings[0].severity.value == "info" and "accents" in findings[0].message


def test_given_names_left_out_of_a_full_mrz_go_to_a_person():
    long = Person("Montmorency-Laval de la Tour", ("Hélène",), "F", date(1990, 3, 12), "Nantes")
    lines = td1_lines(long.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    typed = account(birth_name="MONTMORENCY-LAVAL DE LA TOUR", given_names=("Hélène",))
    findings = check_civil_status(facts(typed, pieces=(identity_piece(lines),)))
    assert codes(findings) == ["MANUAL_CHECK_REQUIRED"]


def test_an_invalid_mrz_is_not_compared():
    lines = td1_lines(PERSON.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    invalid = identity_piece(lines).extraction.mrz.model_copy(update={"valid": False})
    extraction = identity_piece(lines).extraction.model_copy(update={"mrz": invalid})
    assert check_civil_status(facts(account(birth_name="DUPONT"), pieces=(
        piece("identite", "cni.jpg", extraction=extraction),))) == []


# --- properties ----------------------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED = {"A": "ÀÂ", "E": "ÉÈÊË", "I": "ÎÏ", "O": "Ô", "U": "ÙÛ", "C": "Ç", "Y": "Ÿ"}
words = st.text(alphabet=LETTERS, min_size=2, max_size=9)
names = st.lists(words, min_size=1, max_size=3)


@st.composite
def spelled(draw, parts):
    """The same name with accents added, case changed and separators swapped."""
    out = []
    for part in parts:
        letters = [draw(st.sampled_from(ACCENTED.get(c, c) + c)) for c in part]
        word = "".join(letters)
        out.append(draw(st.sampled_from((word, word.lower(), word.capitalize()))))
    separators = [draw(st.sampled_from((" ", "-", " - "))) for _ in out[1:]]
    return out[0] + "".join(s + w for s, w in zip(separators, out[1:], strict=True))


def _status(surname: str, given: tuple[str, ...]) -> NamePair:
    born = date(1999, 5, 17)
    return NamePair("p", "same", "property", "TD1", CivilStatus(surname, "", given, born),
                    CivilStatus(surname, "", given, born), ())


@settings(max_examples=150, deadline=None)
@given(data=st.data(), surname=names, given_names=st.lists(words, min_size=1, max_size=2))
def test_accents_case_and_hyphen_or_space_never_make_a_mismatch(data, surname, given_names):
    document = " ".join(surname)
    typed = data.draw(spelled(surname))
    typed_given = tuple(data.draw(spelled([g])) for g in given_names)
    pair = _status(document, tuple(given_names))
    printed = data.draw(st.booleans())
    findings = civil_status_findings(
        account_of(CivilStatus(typed, "", typed_given, date(1999, 5, 17))), document_mrz(pair),
        printed_zone(pair.document) if printed else None)
    # A surname filling the MRZ may leave the given names to a person: never a mismatch.
    assert not [c for c in codes(findings) if c.endswith("_MISMATCH")]


@settings(max_examples=150, deadline=None)
@given(surname=st.text(alphabet=LETTERS, min_size=2, max_size=6), data=st.data())
def test_a_different_letter_in_a_short_surname_is_always_a_mismatch(surname, data):
    index = data.draw(st.integers(0, len(surname) - 1))
    other = data.draw(st.sampled_from([c for c in LETTERS if c != surname[index]]))
    typed = surname[:index] + other + surname[index + 1:]
    # Accents on the typed name do not hide the changed letter either.
    typed = unicodedata.normalize("NFC", data.draw(spelled([typed])))
    pair = _status(surname, ("MARIE",))
    for printed in (None, printed_zone(pair.document)):
        findings = civil_status_findings(account_of(CivilStatus(typed, "", ("Marie",),
                                                                date(1999, 5, 17))),
                                         document_mrz(pair), printed)
        assert "SURNAME_MISMATCH" in codes(findings)


def test_the_1988_card_given_names_cut_after_a_full_field():
    person = Person("Dupont", ("Marie-Hélène", "Yasmine"), "F", date(1990, 3, 12), "Nantes")
    issued = date(2012, 4, 1)
    lines = fra_1988_lines(person.with_document(f"{issued:%y%m}44312345", issued, issued),
                           "044013")
    assert lines[1][13:27] == "MARIE<HELENE<<"  # YASMINE did not fit
    typed = account(birth_name="DUPONT", given_names=("Marie-Hélène", "Yasmine"),
                    birth_date=date(1990, 3, 12))
    assert check_civil_status(facts(typed, pieces=(identity_piece(lines),))) == []


def test_given_names_the_mrz_left_out_come_from_the_printed_zone_but_never_alone_a_mismatch():
    long = Person("Montmorency-Laval de la Tour", ("Hélène",), "F", date(1990, 3, 12), "Nantes")
    lines = td1_lines(long.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    typed = account(birth_name="MONTMORENCY-LAVAL DE LA TOUR", given_names=("Hélène",))
    read = PrintedZone(surname="MONTMORENCY-LAVAL DE LA TOUR", given_names=("Hélène",))
    assert check_civil_status(facts(typed, pieces=(identity_piece(lines, read),))) == []
    # OCR read the label's English half: only a person can tell.
    misread = PrintedZone(surname="MONTMORENCY-LAVAL DE LA TOUR", given_names=("Give",))
    findings = check_civil_status(facts(typed, pieces=(identity_piece(lines, misread),)))
    assert codes(findings) == ["MANUAL_CHECK_REQUIRED"] and "« Give »" in findings[0].message


def test_a_letter_in_the_identity_slot_is_not_taken_for_the_printed_zone():
    lines = td1_lines(PERSON.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    letter = FileExtraction(file="certificat.pdf", size=100, sha256="1" * 64,
                            format=FileFormat.PDF, readable=True,
                            printed=PrintedZone(surname="LE GOFF", given_names=("Marie Élodie",
                                                                                  "née le")))
    pieces = (identity_piece(lines), piece("identite", "certificat.pdf", extraction=letter))
    assert check_civil_status(facts(pieces=pieces)) == []


def test_what_differs_only_beyond_the_mrzs_cut_is_for_a_person():
    # The 1988 card's MRZ kept JEAN-BAPTISTE; the OCR ran into the next column.
    document = DocumentName(mrz="JEAN BAPTISTE", printed="Jean-Baptiste, Française",
                            truncated=True)
    result = compare_given_names(document, ["Jean-Baptiste", "Karim"])
    assert result.agreement is Agreement.MISMATCH
    assert result.detail["readings"]["beyond_mrz"] == "oui"
