import json

import pytest

from extractors.mrz.checksum import check_digit
from samplegen.mrz_compose import td1_lines, td3_lines
from samplegen.people import Person
from tests.conftest import EVAL

EXAMPLES = EVAL / "mrz_text" / "check_digit_examples.json"


@pytest.mark.skipif(not EXAMPLES.exists(), reason="../shared/eval is not beside this checkout")
def test_check_digits_match_the_published_examples():
    examples = json.loads(EXAMPLES.read_text())

    def digit(example):
        text = example["input"]
        if "composite" in example.get("note", ""):
            # A whole TD3 line 2: the composite covers positions 1-10, 14-20 and 22-43.
            text = text[0:10] + text[13:20] + text[21:43]
        return check_digit(text)

    wrong = [e["input"] for e in examples if digit(e) != e["independent_result"]]
    assert wrong == [] and len(examples) > 5


def test_icao_specimen_passport_digits():
    # ICAO 9303 part 4 specimen: L898902C3 -> 6, 740812 -> 2, 120415 -> 9.
    assert (check_digit("L898902C3"), check_digit("740812"), check_digit("120415")) == (
        "6", "2", "9")


def test_generated_mrz_lines_have_the_right_shape():
    from datetime import date

    person = Person("Le Goff", ("Marie", "Élodie"), "F", date(2001, 3, 12), "Nantes")
    td1 = td1_lines(person)
    assert [len(line) for line in td1] == [30, 30, 30]
    assert td1[0].startswith("IDFRAX4RTBPFW4") and td1[2].startswith("LE<GOFF<<MARIE<ELODIE")
    assert td1[1][6] == check_digit(td1[1][:6])
    td3 = td3_lines(person)
    assert [len(line) for line in td3] == [44, 44]
    assert td3[1][9] == check_digit(td3[1][:9])
