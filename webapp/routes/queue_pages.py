"""The triage queue and bulk assignment."""

from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from database import staff
from database.triage import dossier_states, last_run
from schemas.staff import StaffUser
from schemas.verdict import VERDICT_LABELS
from triage.queue import QueueFilters, QueuePage, display_name, queue_page
from triage.status import reopen_reason, status_of
from webapp.actions import assign
from webapp.auth import Context, Form, Staff, text_field
from webapp.templating import render

router = APIRouter()
_DEFAULTS = QueueFilters().model_dump()


def filters_from(request: Request) -> QueueFilters:
    """The queue filters of a request's query string."""
    return filters_from_query(str(request.url.query))


def filters_from_query(query: str) -> QueueFilters:
    """The queue filters of a query string; a malformed value falls back to the default."""
    values = {key: value for key, value in parse_qsl(query)
              if key in QueueFilters.model_fields}
    try:
        return QueueFilters.model_validate(values)
    except ValidationError:
        return QueueFilters.model_validate({k: v for k, v in values.items() if k != "page"})


def filter_query(filters: QueueFilters, **changes: object) -> str:
    """The query string of these filters (with changes), without empty values."""
    values = filters.model_copy(update=changes).model_dump()
    return urlencode({k: v for k, v in values.items() if v != _DEFAULTS[k]})


def _facets(page: QueuePage, colleagues: list[StaffUser]
            ) -> list[tuple[str, str, list[tuple[str, str, int | None]]]]:
    """Each filter's label and options (value, text, how many dossiers it would show)."""
    counts = page.counts

    def options(name: str, labelled: list[tuple[str, str]], any_text: str | None
                ) -> list[tuple[str, str, int | None]]:
        first = [("", any_text, None)] if any_text else []
        return first + [(value, text, counts[name][value]) for value, text in labelled]

    return [
        ("statut", "Statut", options("statut", [("a_traiter", "À traiter"),
                                                ("decide", "Décidés"),
                                                ("tous", "Tous les signalés")], None)),
        ("verdict", "Verdict", options("verdict", list(VERDICT_LABELS.items()), "Tous")),
        ("code", "Motif", options("code", [(c, c) for c in sorted(counts["code"])], "Tous")),
        ("specialite", "Spécialité", options(
            "specialite", [(c, c) for c in sorted(counts["specialite"])], "Toutes")),
        ("assignee", "Attribué à", options(
            "assignee", [("aucun", "Personne")]
            + [(str(u.id), u.display_name) for u in colleagues], "Tous")),
    ]


@router.get("/")
def queue(request: Request, context: Context, user: Staff) -> Response:
    """Flagged dossiers, most urgent first, with filters and their counts."""
    filters = filters_from(request)
    states = dossier_states(context.engine, context.rules.session)
    page = queue_page(states, filters)
    colleagues = [u for u, _ in staff.list_users(context.engine, active_only=True)]
    rows = [{"state": s, "name": display_name(s.account), "status": status_of(s).value,
             "reopened": reopen_reason(s, context.rules.zone)} for s in page.rows]
    partial = request.headers.get("HX-Target") == "resultats"
    return render(request, "queue_results.html" if partial else "queue.html", partial=partial,
                  filters=filters, page=page, rows=rows,
                  facets=_facets(page, colleagues), selected=filters.model_dump(),
                  colleagues=colleagues, query=filter_query(filters),
                  page_query=lambda n: filter_query(filters, page=n),
                  last_run=last_run(context.engine, context.rules.session),
                  done=request.query_params.get("fait"))


@router.post("/attribution")
def bulk_assign(request: Request, context: Context, user: Staff, form: Form) -> Response:
    """Assign the ticked dossiers of the queue."""
    ids = [int(v) for v in form.getlist("dossier") if isinstance(v, str) and v.isdigit()]
    changed = assign(context, user, ids, text_field(form, "assignee"))
    back = filters_from_query(text_field(form, "retour"))
    return RedirectResponse(f"/?{filter_query(back)}&fait=attribution-{changed}",
                            status_code=303)
