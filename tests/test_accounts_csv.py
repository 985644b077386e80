from zoneinfo import ZoneInfo

import pytest

from dossiers.accounts_csv import REQUIRED_COLUMNS, parse_accounts
from schemas.account import CandidateStatus
from schemas.errors import AccountsFileError
from tests.conftest import SAMPLES

PARIS = ZoneInfo("Europe/Paris")
HEADER = ",".join(REQUIRED_COLUMNS)
ROW = ('02612345678,2026,BTS,NDRC,"Négociation et digitalisation de la relation client",NANTES,'
       'MME,LE GOFF,MARTIN,"Marie, Élodie",2001-03-12,Nantes,FRANCE,fra,m@example.org,44000,'
       'Nantes,CNED,1,LV2-ESP;SPORT,2025-11-18T21:04:00,2025-10-09T10:00:00+02:00')


def parse(text: str):
    return parse_accounts(text.encode("utf-8"), PARIS)


def test_a_row_is_parsed_into_typed_fields():
    [account] = parse(f"{HEADER}\n{ROW}\n")
    assert account.given_names == ("Marie", "Élodie")
    assert account.usage_name == "MARTIN"
    assert account.status is CandidateStatus.CNED
    assert account.nationality == "FRA"
    assert account.handicap is True
    assert account.options == ("LV2-ESP", "SPORT")
    # A timestamp without offset is read in the session's zone.
    assert account.pieces_confirmed_at.utcoffset().total_seconds() == 3600
    assert account.source_line == 2 and len(account.row_digest) == 64


def test_byte_order_mark_and_extra_columns_are_accepted():
    text = "\ufeff" + HEADER + ",telephone\n" + ROW + ",0600000000\n"
    [account] = parse(text)
    assert account.extra == (("telephone", "0600000000"),)


def test_the_row_digest_changes_with_any_column():
    [a] = parse(f"{HEADER}\n{ROW}\n")
    [b] = parse(f"{HEADER}\n{ROW.replace('44000', '44100')}\n")
    assert a.row_digest != b.row_digest


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    (f"{HEADER}\n{ROW.replace('2001-03-12', '2001-13-12')}\n", 2, "birth_date", "AAAA-MM-JJ"),
    (f"{HEADER}\n{ROW.replace('CNED', 'lycee')}\n", 2, "status", "cned, ajourne"),
    (f"{HEADER}\n{ROW.replace('2025-11-18T21:04:00', 'hier')}\n", 2, "pieces_confirmed_at",
     "ISO 8601"),
    (f"{HEADER}\n{ROW.replace(',1,LV2', ',2,LV2')}\n", 2, "handicap", "0 ou 1"),
    (f"{HEADER}\n{ROW}\n{ROW}\n", 3, "candidate_id", "double"),
    (f"{HEADER}\n{ROW.replace('02612345678', '')}\n", 2, "candidate_id", "obligatoire"),
    (HEADER.replace(",birth_date", "") + "\n", 1, None, "birth_date"),
    (HEADER.replace(",", ";") + "\n", 1, None, "séparateur"),
    (f"{HEADER}\n{ROW},surplus\n", 2, None, "plus de valeurs"),
    ("", None, None, "vide"),
])
def test_faults_name_their_line_and_column(text, line, column, words):
    with pytest.raises(AccountsFileError) as caught:
        parse(text)
    assert caught.value.line == line
    assert caught.value.column == column
    assert words in str(caught.value)


def test_non_utf8_is_refused_with_its_line():
    data = f"{HEADER}\n{ROW}\n".encode() + "02600000002,é".encode("latin-1")
    with pytest.raises(AccountsFileError) as caught:
        parse_accounts(data, PARIS)
    assert caught.value.line == 3 and "UTF-8" in str(caught.value)


def test_bundled_samples_parse():
    from tests.corpus import DOSSIERS

    accounts = parse_accounts((SAMPLES / "accounts.csv").read_bytes(), PARIS)
    assert [a.candidate_id for a in accounts] == list(DOSSIERS)


def test_faulty_values_are_not_quoted_since_errors_reach_logs():
    with pytest.raises(AccountsFileError) as caught:
        parse(f"{HEADER}\n{ROW.replace('2001-03-12', '12/03/2001')}\n")
    assert "12/03/2001" not in str(caught.value)
