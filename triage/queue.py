"""The triage queue: which dossiers, in which order, filtered, counted and paged."""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from checks.names.transliteration import to_mrz
from schemas.staff import DossierState, TriageStatus
from triage.status import status_of

PAGE_SIZE = 25
# Incomplete dossiers first: the candidate must act, and every day counts before the deadline.
VERDICT_RANK = {"incomplete": 0, "review": 1, "ok": 2}
OPEN = frozenset({TriageStatus.TO_DO, TriageStatus.REOPENED})
# Status filter values: what staff pick in the queue's first filter.
STATUS_FILTERS = {
    "a_traiter": OPEN,
    "decide": frozenset({TriageStatus.DECIDED}),
    "tous": frozenset({TriageStatus.TO_DO, TriageStatus.REOPENED, TriageStatus.DECIDED}),
}


class QueueFilters(BaseModel):
    """The queue's filters as the page's query string gives them; empty means any."""

    model_config = ConfigDict(frozen=True)

    statut: str = "a_traiter"
    code: str = ""
    specialite: str = ""
    verdict: str = ""
    assignee: str = ""  # "" any, "aucun" unassigned, else a staff user id
    q: str = ""
    page: int = 1


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue with counts per filter value."""

    rows: list[DossierState]
    total: int
    page: int
    pages: int
    counts: dict[str, Counter[str]]


def urgency(state: DossierState) -> tuple[int, float, str]:
    """Sort key: incomplete before review, then the oldest flag, then the candidate number."""
    return (VERDICT_RANK.get(state.verdict, 3), state.flagged_since.timestamp(),
            state.candidate_id)


def display_name(account: dict[str, object]) -> str:
    """The account's names as staff read them: NAME (usage name) Given names."""
    usage = f" ({account['usage_name']})" if account.get("usage_name") else ""
    given = ", ".join(account.get("given_names") or ())  # type: ignore[arg-type]
    return f"{account.get('birth_name', '')}{usage} {given}".strip()


def _matches_text(state: DossierState, text: str) -> bool:
    if text.strip().isdigit():
        return text.strip() in state.candidate_id
    wanted = to_mrz(text).strip("<")
    return bool(wanted) and wanted in to_mrz(display_name(state.account))


# Each filter: its name, the values a dossier has for it, whether a chosen value matches.
_FACETS: dict[str, Callable[[DossierState], Sequence[str]]] = {
    "statut": lambda s: [name for name, kinds in STATUS_FILTERS.items()
                         if status_of(s) in kinds],
    "code": lambda s: sorted(set(s.codes)),
    "specialite": lambda s: [str(s.account.get("specialty_code", ""))],
    "verdict": lambda s: [s.verdict],
    "assignee": lambda s: [str(s.assignee_id) if s.assignee_id else "aucun"],
}


def _keeps(state: DossierState, filters: QueueFilters, skip: str | None = None) -> bool:
    for name, values in _FACETS.items():
        chosen = getattr(filters, name)
        if name != skip and chosen and chosen not in values(state):
            return False
    return not filters.q or _matches_text(state, filters.q)


def ordered(states: list[DossierState], filters: QueueFilters) -> list[DossierState]:
    """The dossiers the filters keep, most urgent first."""
    return sorted((s for s in states if _keeps(s, filters)), key=urgency)


def queue_page(states: list[DossierState], filters: QueueFilters) -> QueuePage:
    """The requested page, and for each filter how many dossiers each value would give."""
    kept = ordered(states, filters)
    pages = max(1, -(-len(kept) // PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    counts: dict[str, Counter[str]] = {}
    for name, values in _FACETS.items():
        counts[name] = Counter(value for s in states if _keeps(s, filters, skip=name)
                               for value in values(s))
    return QueuePage(rows=kept[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], total=len(kept),
                     page=page, pages=pages, counts=counts)


def neighbours(states: list[DossierState], filters: QueueFilters, dossier_id: int
               ) -> tuple[int | None, int | None]:
    """The previous and next dossier around one, in the queue's order under the same filters."""
    ids = [s.dossier_id for s in ordered(states, filters)]
    if dossier_id not in ids:
        return None, (ids[0] if ids else None)
    at = ids.index(dossier_id)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)
