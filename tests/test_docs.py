import re

from schemas.findings import FindingCode
from settings.app import Settings
from tests.conftest import REPO, SAMPLES

README = (REPO / "README.md").read_text()
CONTRACT_CODES = {
    "PIECE_MISSING", "PIECES_NOT_CONFIRMED", "FILE_UNREADABLE", "IMAGE_QUALITY_LOW",
    "PIECE_WRONG_SLOT", "ID_UNREADABLE", "ID_MRZ_INVALID", "ID_TYPE_NOT_ACCEPTED", "ID_EXPIRED",
    "SURNAME_MISMATCH", "GIVEN_NAMES_MISMATCH", "BIRTHDATE_MISMATCH", "NAME_VARIANT",
    "SIGNATURE_MISSING", "RECAP_CANDIDATE_MISMATCH", "RECAP_OUTDATED", "RESIDENCE_OUT_OF_AREA",
    "LATE_UPLOAD",
}


def test_every_setting_is_documented_in_the_readme():
    documented = set(re.findall(r"`(JUSTIF_[A-Z0-9_]+)`", README))
    settings = {f"JUSTIF_{name.upper()}" for name in Settings.model_fields}
    assert settings - documented == set()
    assert documented - settings == set()


def test_every_code_beyond_the_contract_is_documented_in_the_readme():
    extensions = {code.value for code in FindingCode} - CONTRACT_CODES
    assert extensions, "the extensions table would be empty"
    for code in extensions:
        assert f"`{code}`" in README


def test_the_sample_table_lists_every_dossier():
    table = (SAMPLES.parent / "README.md").read_text()
    candidates = {line.split(",")[0] for line in
                  (SAMPLES / "accounts.csv").read_text().splitlines()[1:]}
    for candidate in candidates:
        assert f"| {candidate} |" in table
