"""Score civil-status matching on the labelled pairs: MRZ composed and read back, printed zone."""

from collections import Counter
from datetime import date

from checks.civil_status import civil_status_findings
from extractors.mrz.repair import read_lines
from samplegen.mrz_compose import fra_1988_lines, td1_lines, td3_lines
from samplegen.name_pairs import CivilStatus, NamePair
from samplegen.people import Person
from schemas.account import Account, CandidateStatus
from schemas.evaluation import CodeScore, PairOutcome, PairsReport
from schemas.mrz import MrzReading
from schemas.printed import PrintedZone

CODES = ("SURNAME_MISMATCH", "GIVEN_NAMES_MISMATCH", "BIRTHDATE_MISMATCH", "NAME_VARIANT",
         "MANUAL_CHECK_REQUIRED")


def document_mrz(pair: NamePair) -> MrzReading:
    """The document's MRZ as an issuer writes it, then parsed as justif parses a read."""
    status = pair.document
    person = Person(status.surname, status.given_names, "F", status.birth_date, "Nantes",
                    usage_name=status.usage_name or None)
    if pair.document_format == "FRA_CNI_1988":
        issued = date(2012, 4, 1)
        lines = fra_1988_lines(person.with_document(f"{issued:%y%m}44312345", issued,
                                                    date(2027, 4, 30)), "044013")
    elif pair.document_format == "TD3":
        lines = td3_lines(person.with_document("20DD94051", date(2022, 1, 2), date(2032, 1, 1)))
    else:
        lines = td1_lines(person.with_document("X4RTBPFW4", date(2022, 1, 2), date(2032, 1, 1)))
    return read_lines(lines)


def printed_zone(status: CivilStatus) -> PrintedZone:
    """The printed zone as the document shows it."""
    return PrintedZone(surname=status.surname.upper(), usage_name=status.usage_name.upper()
                       or None, given_names=status.given_names, birth_date=status.birth_date,
                       confidence=100)


def account_of(status: CivilStatus) -> Account:
    """A minimal account carrying the typed civil status."""
    return Account(
        candidate_id="02600000000", session="2026", exam="BTS", specialty_code="NDRC",
        specialty="NDRC", managing_academy="NANTES", civility="MME",
        birth_name=status.surname, usage_name=status.usage_name or None,
        given_names=status.given_names, birth_date=status.birth_date, birth_place="Nantes",
        birth_country="FRANCE", nationality="FRA", email="c@example.org", postal_code="44000",
        city="Nantes", status=CandidateStatus.INDIVIDUEL, handicap=False, options=(),
        pieces_confirmed_at=None, registered_at=None)


def score_pair(pair: NamePair, *, with_printed: bool) -> PairOutcome:
    """The codes justif gives the pair."""
    reading = document_mrz(pair)
    if not reading.valid:
        raise ValueError(f"{pair.pair_id}: composed MRZ does not pass its check digits")
    printed = printed_zone(pair.document) if with_printed else None
    findings = civil_status_findings(account_of(pair.account), reading, printed)
    return PairOutcome(
        pair_id=pair.pair_id, relation=pair.relation, kind=pair.kind,
        expected=list(pair.expected), given=sorted(f.code.value for f in findings),
        differences=[d for f in findings for d in f.evidence.get("differences", [])])


def score_pairs(pairs: list[NamePair], *, with_printed: bool = True) -> PairsReport:
    """The report over the whole table."""
    outcomes = [score_pair(p, with_printed=with_printed) for p in pairs]
    expected, found, correct = Counter(), Counter(), Counter()
    for o in outcomes:
        expected.update(o.expected)
        found.update(set(o.given))
        correct.update(set(o.expected) & set(o.given))
    same = [o for o in outcomes if o.relation == "same"]
    return PairsReport(
        sources="mrz+printed" if with_printed else "mrz", pairs=len(outcomes),
        same=len(same), different=len(outcomes) - len(same),
        false_matches=[o.pair_id for o in outcomes if o.false_match],
        same_right=sum(o.right for o in same),
        codes=[CodeScore(code=c, expected=expected[c], found=found[c], correct=correct[c])
               for c in CODES if expected[c] or found[c]],
        outcomes=outcomes)
