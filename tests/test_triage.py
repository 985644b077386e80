"""Triage rules without a server: status, queue order and filters, decisions, differences."""

from datetime import UTC, datetime, timedelta

import pytest

from schemas.staff import Action, AuditEntry, Decision, DossierState, TriageStatus
from tests.factories import RULES
from triage.comparison import compare_identity, compare_recap, mark_differences
from triage.decisions import DecisionError, audit_change, describe_change
from triage.queue import PAGE_SIZE, QueueFilters, neighbours, queue_page
from triage.status import reopen_reason, status_of

T0 = datetime(2025, 11, 1, 9, tzinfo=UTC)
FILES = frozenset({("pieces/1/identite/a.jpg", "v1")})
ACCOUNT = {"candidate_id": "02600000001", "civility": "MME", "birth_name": "LE GOFF",
           "usage_name": None, "given_names": ["Marie", "Élodie"], "birth_date": "1990-03-12",
           "specialty_code": "NDRC"}


def decision(at: datetime = T0) -> AuditEntry:
    return AuditEntry(id=1, at=at, actor="Alice", action=Action.VALIDATE, verification_id=1,
                      before={}, after={"decision": "valide"}, comment=None)


def state(dossier_id: int = 1, *, verdict: str = "review", codes: tuple[str, ...] = ("X",),
          since: datetime = T0, files: frozenset = FILES, decided: bool = False,
          decision_files: frozenset | None = None, account: dict | None = None,
          assignee_id: int | None = None) -> DossierState:
    return DossierState(
        dossier_id=dossier_id, candidate_id=f"0260000{dossier_id:04d}", verification_id=1,
        verdict=verdict, account={**ACCOUNT, **(account or {})}, codes=codes,
        flagged_since=since, files=files, last_upload=since, assignee_id=assignee_id,
        assignee="Alice" if assignee_id else None,
        decision=decision() if decided else None,
        decision_files=(decision_files if decision_files is not None else files)
        if decided else None)


def test_a_decision_stands_until_the_files_change():
    assert status_of(state()) is TriageStatus.TO_DO
    assert status_of(state(verdict="ok")) is TriageStatus.CLEAR
    assert status_of(state(decided=True)) is TriageStatus.DECIDED
    assert reopen_reason(state(decided=True), RULES.zone) is None
    newer = frozenset({("pieces/1/identite/a.jpg", "v2")})
    reopened = state(decided=True, files=newer, decision_files=FILES)
    assert status_of(reopened) is TriageStatus.REOPENED
    assert "1 fichier(s) nouveau(x) ou remplacé(s)" in reopen_reason(reopened, RULES.zone)


def test_incomplete_dossiers_come_first_then_the_oldest_flags():
    states = [state(1, since=T0 + timedelta(days=2)), state(2, verdict="incomplete",
                                                             since=T0 + timedelta(days=5)),
              state(3, since=T0), state(4, verdict="ok")]
    page = queue_page(states, QueueFilters())
    assert [s.dossier_id for s in page.rows] == [2, 3, 1]
    assert page.counts["statut"]["a_traiter"] == 3


def test_filters_combine_and_each_counts_what_the_others_leave():
    states = [state(1, codes=("SURNAME_MISMATCH",), account={"specialty_code": "SIO"}),
              state(2, codes=("SIGNATURE_MISSING",), account={"specialty_code": "SIO"}),
              state(3, codes=("SURNAME_MISMATCH",), account={"specialty_code": "MCO"},
                    assignee_id=7)]
    page = queue_page(states, QueueFilters(code="SURNAME_MISMATCH", specialite="SIO"))
    assert [s.dossier_id for s in page.rows] == [1]
    assert page.counts["specialite"] == {"SIO": 1, "MCO": 1}
    assert page.counts["code"] == {"SURNAME_MISMATCH": 1, "SIGNATURE_MISSING": 1}
    assert [s.dossier_id for s in queue_page(states, QueueFilters(assignee="7")).rows] == [3]
    assert [s.dossier_id for s in queue_page(states, QueueFilters(assignee="aucun")).rows
            ] == [1, 2]


def test_search_finds_a_name_without_its_accents_or_a_number():
    states = [state(1, account={"birth_name": "THÉBAULT"}), state(2)]
    assert [s.dossier_id for s in queue_page(states, QueueFilters(q="thebault")).rows] == [1]
    assert [s.dossier_id for s in queue_page(states, QueueFilters(q="00002")).rows] == [2]
    assert queue_page(states, QueueFilters(q="<<<")).rows == []


def test_pages_and_neighbours_follow_the_queue_order():
    states = [state(i, since=T0 + timedelta(minutes=i)) for i in range(1, PAGE_SIZE + 3)]
    second = queue_page(states, QueueFilters(page=2))
    assert (second.page, second.pages, len(second.rows)) == (2, 2, 2)
    assert queue_page(states, QueueFilters(page=99)).page == 2
    assert neighbours(states, QueueFilters(), 1) == (None, 2)
    assert neighbours(states, QueueFilters(), 5) == (4, 6)


def test_a_piece_request_produces_the_candidates_message():
    before, after = audit_change(
        Decision(action=Action.REQUEST_PIECE, slot="identite", reason="illisible",
                 comment="Le verso manque."), ACCOUNT, RULES)
    message = after["candidate_message"]
    assert message.startswith("Madame,")
    assert "« Pièce d'identité en cours de validité »" in message
    assert "illisible" in message and "Le verso manque." in message
    assert "19/11/2025 à 23:59" in message and RULES.academy_label in message
    entry = AuditEntry(id=1, at=T0, actor="A", action=Action.REQUEST_PIECE,
                       verification_id=1, before=before, after=after, comment=None)
    assert describe_change(entry)[1].startswith("Pièce d'identité en cours de validité — ")


def test_an_account_correction_records_old_and_new_values():
    before, after = audit_change(Decision(action=Action.CORRECT_ACCOUNT, field="birth_name",
                                          new_value="LE GOF"), ACCOUNT, RULES)
    assert before == {"field": "birth_name", "value": "LE GOFF"}
    assert after["value"] == "LE GOF"
    entry = AuditEntry(id=1, at=T0, actor="A", action=Action.CORRECT_ACCOUNT,
                       verification_id=1, before=before, after=after, comment=None)
    assert describe_change(entry) == ("Nom de naissance : LE GOFF", "Nom de naissance : LE GOF")


@pytest.mark.parametrize("bad", [
    Decision(action=Action.REQUEST_PIECE, slot="identite"),
    Decision(action=Action.REQUEST_PIECE, slot="nowhere", reason="illisible"),
    Decision(action=Action.CORRECT_ACCOUNT, field="password", new_value="x"),
    Decision(action=Action.CORRECT_ACCOUNT, field="birth_name", new_value="LE GOFF"),
    Decision(action=Action.CORRECT_ACCOUNT, field="birth_name", new_value="  "),
    Decision(action=Action.VALIDATE, comment="x" * 2001),
])
def test_incomplete_decisions_are_refused_with_a_reason(bad):
    with pytest.raises(DecisionError):
        audit_change(bad, ACCOUNT, RULES)


def test_differences_are_marked_on_both_sides_ignoring_case():
    ours, theirs = mark_differences("LE GOF", "Le Goff")
    assert [(s.text, s.differs) for s in ours] == [("LE GOF", False)]
    assert [(s.text, s.differs) for s in theirs] == [("Le Gof", False), ("f", True)]
    fields = compare_identity(ACCOUNT, {"surname": "Le Gof", "given_names": ["Marie"]},
                              {"birth_date_iso": "1990-03-21"})
    by_label = {f.label: f for f in fields}
    assert by_label["Nom de naissance"].differs and by_label["Nom de naissance"].source == \
        "zone imprimée"
    assert by_label["Prénoms"].differs
    assert by_label["Date de naissance"].source == "MRZ" and by_label["Date de naissance"].differs
    assert not by_label["Nom d'usage"].differs


def test_the_recap_is_compared_field_by_field_and_unread_fields_say_so():
    recap = {"candidate_id": "02600000001", "birth_name": "LE GOFF",
             "given_names": ["Marie", "Élodie"], "birth_date": "1990-03-12",
             "specialty_code": "MCO", "options": None}
    fields = {f.label: f for f in compare_recap({**ACCOUNT, "options": []}, recap)}
    assert not fields["N° de candidat"].differs and not fields["Prénoms"].differs
    assert fields["Spécialité"].differs
    assert fields["Options"].document == () and not fields["Options"].differs
    printed_none = {f.label: f for f in compare_recap({**ACCOUNT, "options": ["LV2-ESP"]},
                                                      {**recap, "options": []})}
    assert printed_none["Options"].differs
