from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from checks.identity import check_identity_document
from checks.recap import check_recap_content, check_signature
from checks.registry import CHECKS
from checks.registry import run_checks as run_all_checks
from checks.requirements import age_on, required_slots
from checks.residence import department_of
from checks.slots import check_piece_kinds
from checks.verdict import decide_verdict
from schemas.account import CandidateStatus
from schemas.extraction import ProblemKind
from schemas.findings import SEVERITY_OF, Finding, FindingCode, Severity
from schemas.verdict import Verdict
from tests.factories import RULES, account, facts, piece, unreadable


def run_checks(facts):
    """Every check but those reading documents (tested on their own with real readings)."""
    reading = (check_identity_document, check_piece_kinds, check_signature, check_recap_content)
    return run_all_checks(facts, tuple(c for c in CHECKS if c not in reading))


def codes(findings):
    return [(f.code.value, f.slot) for f in findings]


def test_complete_dossier_has_no_findings_and_is_ok():
    findings = run_checks(facts())
    assert findings == []
    assert decide_verdict(findings) is Verdict.OK


def test_each_missing_required_slot_is_named():
    result = run_checks(facts(pieces=(piece("identite"),)))
    assert codes(result) == [("PIECE_MISSING", "recapitulatif"), ("PIECE_MISSING", "experience")]
    assert "Récapitulatif d'inscription signé" in result[0].message
    assert decide_verdict(result) is Verdict.INCOMPLETE


def test_required_slots_follow_status_nationality_age_and_handicap():
    deadline = RULES.deadline_date
    young = deadline.replace(year=deadline.year - 20)

    def slots(**changes):
        return [slot.value for slot, _ in required_slots(account(**changes), RULES)]

    assert slots() == ["identite", "recapitulatif", "experience"]
    assert slots(status=CandidateStatus.AJOURNE, birth_date=young) == [
        "identite", "recapitulatif", "jdc", "releve_notes"]
    # A foreign national under 25 owes no JDC certificate.
    assert "jdc" not in slots(birth_date=young, nationality="ESP")
    # Handicap: a new decision, unless the candidate failed last year and keeps it.
    assert "amenagement" in slots(handicap=True, status=CandidateStatus.INDIVIDUEL)
    assert "amenagement" not in slots(handicap=True, status=CandidateStatus.AJOURNE)


def test_jdc_age_boundary_is_the_25th_birthday_on_the_deadline_day():
    day = RULES.deadline_date
    turns_25_on_deadline = date(day.year - 25, day.month, day.day)
    turns_25_next_day = turns_25_on_deadline + timedelta(days=1)

    def slots_of(born):
        return [s.value for s, _ in required_slots(account(birth_date=born), RULES)]

    assert "jdc" not in slots_of(turns_25_on_deadline)
    assert "jdc" in slots_of(turns_25_next_day)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)),
       st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_age_never_decreases_and_changes_on_birthdays(born, day):
    age = age_on(born, day)
    assert age_on(born, day + timedelta(days=1)) in (age, age + 1)
    assert 0 <= day.year - born.year - age <= 1


def test_unreadable_files_each_get_a_blocking_finding_and_no_missing_piece():
    pieces = (piece("identite", "cni.jpg", extraction=unreadable("cni.jpg", ProblemKind.TRUNCATED)),
              piece("recapitulatif", "r.pdf",
                    extraction=unreadable("r.pdf", ProblemKind.ENCRYPTED)),
              piece("experience"))
    result = run_checks(facts(pieces=pieces))
    assert codes(result) == [("FILE_UNREADABLE", "identite"), ("FILE_UNREADABLE", "recapitulatif")]
    assert "tronqué" in result[0].message and "mot de passe" in result[1].message
    assert result[0].evidence["problem"] == "truncated"


def test_confirmation_missing_or_late():
    never = run_checks(facts(account(pieces_confirmed_at=None)))
    assert codes(never) == [("PIECES_NOT_CONFIRMED", None)]
    assert decide_verdict(never) is Verdict.INCOMPLETE
    late = run_checks(facts(account(pieces_confirmed_at=RULES.deadline + timedelta(minutes=1))))
    assert codes(late) == [("PIECES_CONFIRMED_LATE", None)]
    on_time = run_checks(facts(account(pieces_confirmed_at=RULES.deadline)))
    assert on_time == []


def test_late_upload_is_information_only_and_needs_a_known_upload_time():
    late = RULES.deadline + timedelta(hours=2)
    result = run_checks(facts(pieces=(piece("identite", uploaded_at=late), piece("recapitulatif"),
                                      piece("experience", uploaded_at=RULES.deadline))))
    assert codes(result) == [("LATE_UPLOAD", "identite")]
    assert "20/11/2025 à 01:59" in result[0].message
    assert decide_verdict(result) is Verdict.OK


def test_departments_of_postal_codes():
    assert department_of("44000") == "44"
    assert department_of(" 85 000") == "85"
    assert department_of("97400") == "974"
    assert department_of("20000") == "2A" and department_of("20200") == "2B"
    assert department_of("4400") is None and department_of("") is None


def test_residence_outside_or_unreadable_is_reviewed():
    out = run_checks(facts(account(postal_code="75011")))
    assert codes(out) == [("RESIDENCE_OUT_OF_AREA", None)]
    assert "75011" in out[0].message and "département 75" in out[0].message
    invalid = run_checks(facts(account(postal_code="NANTES")))
    assert codes(invalid) == [("RESIDENCE_OUT_OF_AREA", None)]
    assert "invalide" in invalid[0].message


def test_other_academy_is_routed_and_not_checked_further():
    result = run_checks(facts(account(managing_academy="RENNES", pieces_confirmed_at=None,
                                      postal_code="75011"), pieces=()))
    assert codes(result) == [("ROUTED_OTHER_ACADEMY", None)]
    assert decide_verdict(result) is Verdict.REVIEW


def test_files_outside_the_slots_are_reported_not_judged():
    result = run_checks(facts(pieces=(piece("identite"), piece("recapitulatif"),
                                      piece("experience"), piece("divers", "x.pdf"))))
    assert codes(result) == [("PIECE_UNKNOWN_SLOT", "divers")]


severities = st.lists(st.sampled_from(list(FindingCode)), max_size=6)


@given(severities)
def test_verdict_is_the_worst_severity(found_codes):
    findings = [Finding.of(code, "m") for code in found_codes]
    verdict = decide_verdict(findings)
    kinds = {SEVERITY_OF[c] for c in found_codes}
    if Severity.BLOCKING in kinds:
        assert verdict is Verdict.INCOMPLETE
    elif Severity.REVIEW in kinds:
        assert verdict is Verdict.REVIEW
    else:
        assert verdict is Verdict.OK


def test_every_code_has_a_severity_and_checks_are_listed_once():
    assert set(SEVERITY_OF) == set(FindingCode)
    assert len(set(CHECKS)) == len(CHECKS)


def test_contract_severities_are_unchanged():
    contract = {
        "PIECE_MISSING": "blocking", "PIECES_NOT_CONFIRMED": "blocking",
        "FILE_UNREADABLE": "blocking", "IMAGE_QUALITY_LOW": "review",
        "PIECE_WRONG_SLOT": "review", "ID_UNREADABLE": "review", "ID_MRZ_INVALID": "review",
        "ID_TYPE_NOT_ACCEPTED": "review", "ID_EXPIRED": "review", "SURNAME_MISMATCH": "review",
        "GIVEN_NAMES_MISMATCH": "review", "BIRTHDATE_MISMATCH": "review",
        "NAME_VARIANT": "info", "SIGNATURE_MISSING": "review",
        "RECAP_CANDIDATE_MISMATCH": "review", "RECAP_OUTDATED": "review",
        "RESIDENCE_OUT_OF_AREA": "review", "LATE_UPLOAD": "info",
    }
    assert {code: SEVERITY_OF[FindingCode(code)].value for code in contract} == contract


def test_confirmation_timestamps_compare_across_time_zones():
    # 23:30 in Paris on the deadline day is 22:30 UTC: on time.
    on_time = datetime(2025, 11, 19, 22, 30, tzinfo=UTC)
    assert run_checks(facts(account(pieces_confirmed_at=on_time))) == []


def test_a_complete_dossier_whose_pieces_are_not_read_goes_to_a_person():
    # Files nothing recognised (no text, no MRZ) cannot clear a dossier.
    assert decide_verdict(run_all_checks(facts())) is Verdict.REVIEW
