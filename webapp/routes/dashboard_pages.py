"""The completeness dashboard: figures with their tables, CSV exports, dossiers to cancel."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from markupsafe import Markup

from database.repository import now
from database.triage import dossier_states, findings_of, last_run, run_history, upload_times
from reporting.dashboard import (
    FigureTable,
    cancellation_table,
    findings_table,
    history_table,
    missing_table,
    specialty_table,
    uploads_table,
    verdict_table,
)
from webapp.auth import Context, Staff
from webapp.context import AppContext
from webapp.templating import render

router = APIRouter()


def figures(context: AppContext) -> dict[str, FigureTable]:
    """Every figure of the dashboard, by the slug of its CSV export."""
    session, zone = context.rules.session, context.rules.zone
    states = dossier_states(context.engine, session)
    findings = findings_of(context.engine, [s.verification_id for s in states
                                            if s.verdict == "incomplete"])
    tables = [
        verdict_table(states), specialty_table(states), missing_table(states, findings),
        findings_table(states), history_table(run_history(context.engine, session), zone),
        uploads_table(upload_times(context.engine, [s.verification_id for s in states]), zone),
        cancellation_table(states, findings),
    ]
    return {table.slug: table for table in tables}


@router.get("/tableau-de-bord")
def dashboard(request: Request, context: Context, user: Staff) -> Response:
    """Completeness ahead of the deadline, and what to cancel after it."""
    tables = figures(context)
    cancellations = tables.pop("annulations")
    return render(request, "dashboard.html", tables=list(tables.values()),
                  charts={slug: Markup(t.chart) if t.chart else None
                          for slug, t in tables.items()},
                  cancellations=cancellations,
                  deadline_passed=now() > context.rules.deadline,
                  last_run=last_run(context.engine, context.rules.session))


@router.get("/tableau-de-bord/{slug}.csv")
def export(context: Context, user: Staff, slug: str) -> Response:
    """One figure's table as CSV, exactly the rows the page shows."""
    table = figures(context).get(slug)
    if table is None:
        raise HTTPException(404)
    return Response(table.csv(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="justif-{slug}.csv"'})
