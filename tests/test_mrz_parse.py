import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.mrz.formats import DIGIT, FORMATS, candidate_formats
from extractors.mrz.parse import check_results, fields
from extractors.mrz.repair import TO_DIGIT, TO_LETTER, read_lines
from samplegen.mrz_compose import fra_1988_lines, td1_lines, td3_lines
from samplegen.people import Person
from tests.conftest import EVAL

VECTORS_FILE = EVAL / "mrz_text" / "mrz_test_vectors.json"
needs_eval = pytest.mark.skipif(not VECTORS_FILE.exists(),
                                reason="../shared/eval is not beside this checkout")


def vectors():
    return json.loads(VECTORS_FILE.read_text())["vectors"] if VECTORS_FILE.exists() else []


def format_named(lines, name):
    return next(f for f in FORMATS if f.name == name)


@needs_eval
def test_check_digits_agree_with_the_independent_implementation():
    disagreements = []
    for vector in vectors():
        if "corrupted" in vector["format"]:
            continue
        fmt = format_named(vector["mrz_lines"], vector["format"])
        if check_results(fmt, vector["mrz_lines"]) != vector["check_digits_ok"]:
            disagreements.append(vector["mrz_lines"])
    assert disagreements == []


@needs_eval
def test_fields_agree_with_the_positional_parse_of_valid_vectors():
    compared = 0
    for vector in vectors():
        if not vector["all_check_digits_ok"]:
            continue
        fmt = format_named(vector["mrz_lines"], vector["format"])
        parsed = fields(fmt, vector["mrz_lines"])
        for key in ("document_number", "birth_date", "expiry_date", "surname", "sex",
                    "nationality"):
            if key in vector["fields_positional_parse"]:
                assert parsed[key] == vector["fields_positional_parse"][key], vector
                compared += 1
    assert compared > 300


@needs_eval
def test_ocr_corrupted_vectors_are_repaired_to_their_clean_equivalent():
    clean = {tuple(v["mrz_lines"]) for v in vectors() if v["all_check_digits_ok"]}
    corrupted = [v for v in vectors() if "corrupted" in v.get("notes", "").lower()
                 or "corrupted" in v["format"]]
    assert len(corrupted) >= 4
    for vector in corrupted:
        reading = read_lines(vector["mrz_lines"])
        assert reading.valid, vector["mrz_lines"]
        assert tuple(reading.lines) in clean, reading.lines
        assert reading.repairs and reading.confidence < 100


@needs_eval
def test_valid_vectors_read_unchanged_with_full_confidence():
    unread = []
    for vector in vectors():
        if not vector["all_check_digits_ok"] or "corrupted" in vector["format"]:
            continue
        reading = read_lines(vector["mrz_lines"])
        if reading is None:
            unread.append(vector["mrz_lines"])
        elif reading.valid and not reading.repairs:
            assert reading.lines == vector["mrz_lines"] and reading.confidence == 100
    # One Slovak card prints an identity card's code on a passport's 2x44 layout.
    assert len(unread) <= 1, unread


PERSON = Person("Le Goff", ("Marie", "Élodie"), "F", __import__("datetime").date(2001, 3, 12),
                "Nantes", document_number="X4RTBPFW4")
SAMPLES = {
    "TD1": td1_lines(PERSON),
    # French passport numbers: two digits, two letters, five digits.
    "TD3": td3_lines(PERSON.with_document("20DD94051", PERSON.issue_date, PERSON.expiry_date)),
    "FRA_CNI_1988": fra_1988_lines(PERSON.with_document(
        "100644312345", PERSON.issue_date, PERSON.expiry_date), "044013"),
}


def test_french_documents_parse_with_names_dates_and_issue():
    old = read_lines(SAMPLES["FRA_CNI_1988"])
    assert (old.format, old.valid, old.confidence) == ("FRA_CNI_1988", True, 100)
    assert old.fields["surname"] == "LE GOFF"
    assert old.fields["given_names"] == ["MARIE", "ELODIE"]
    assert old.fields["issue_yymm"] == "1006" and old.fields["birth_date_iso"] == "2001-03-12"
    assert old.issue_month == (2010, 6)
    new = read_lines(SAMPLES["TD1"])
    assert new.issue_month is None  # the 2021 card states its expiry instead
    assert (new.format, new.fields["document_number"], new.fields["expiry_date_iso"]) == (
        "TD1", "X4RTBPFW4", "2031-06-01")


def test_missing_trailing_fillers_and_spaces_are_tolerated():
    lines = [line.rstrip("<") + "  " for line in SAMPLES["TD3"]]
    reading = read_lines([" ".join(line[i:i + 5] for i in range(0, len(line), 5))
                          for line in lines])
    assert reading.valid and reading.lines == SAMPLES["TD3"]


def test_a_passport_is_never_read_as_a_visa_to_pass_fewer_checks():
    broken = list(SAMPLES["TD3"])
    broken[1] = broken[1][:43] + str((int(broken[1][43]) + 1) % 10)  # composite wrong
    reading = read_lines(broken)
    assert reading.format == "TD3" and not reading.valid


def test_a_state_code_no_state_uses_is_never_valid_though_the_check_digits_hold():
    """No check digit covers the nationality: CHE read CWF passed them all (a specimen)."""
    lines = list(SAMPLES["TD1"])
    state = lines[1][15:18]
    assert read_lines(lines).valid and state == "FRA"
    lines[1] = lines[1][:15] + "FKA" + lines[1][18:]
    reading = read_lines(lines)
    assert not reading.valid and reading.verified  # number, dates, names: check digits hold
    assert reading.lines[1][15:18] == "FKA"  # shown as read, for a person to see
    assert reading.fields["unknown_state_codes"] == ["FKA"]


def _digit_positions(name):
    lines = SAMPLES[name]
    fmt = candidate_formats(lines)[0]
    return [(f.line, p) for f in fmt.fields if f.kind == DIGIT for p in range(f.start, f.end)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SAMPLES)), st.data())
def test_ocr_confusions_in_digit_fields_never_give_a_wrong_valid_reading(name, data):
    """The invariant of issue 4: a misread is repaired exactly or reported invalid."""
    lines = list(SAMPLES[name])
    positions = data.draw(st.lists(st.sampled_from(_digit_positions(name)), min_size=1,
                                   max_size=3, unique=True))
    for line, position in positions:
        original = lines[line][position]
        lookalikes = [k for k, v in TO_DIGIT.items() if v == original] + [
            v for k, v in TO_LETTER.items() if k == original] + ["<"]
        wrong = data.draw(st.sampled_from(lookalikes))
        lines[line] = lines[line][:position] + wrong + lines[line][position + 1:]
    reading = read_lines(lines)
    assert not reading.valid or reading.lines == SAMPLES[name]
