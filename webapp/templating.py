"""Jinja2 templates (autoescaped) and the filters that show dates in the session's time."""

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from schemas.findings import Severity
from schemas.slots import SLOT_LABELS
from schemas.staff import ACTION_LABELS, STATUS_LABELS, Role
from schemas.verdict import VERDICT_LABELS
from triage.decisions import ACCOUNT_FIELDS, REQUEST_REASONS, describe_change
from webapp.auth import CSRF_FIELD, CSRF_HEADER

TEMPLATES = Path(__file__).parent / "templates"

SEVERITY_LABELS = {Severity.BLOCKING.value: "bloquant", Severity.REVIEW.value: "à examiner",
                   Severity.INFO.value: "information"}
ROLE_LABELS = {Role.AGENT: "agent", Role.SUPERVISEUR: "superviseur", Role.ADMIN: "admin"}


def make_templates(zone: ZoneInfo) -> Jinja2Templates:
    """The app's templates; every value is escaped unless a template says otherwise."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined)
    templates = Jinja2Templates(env=env)

    def local(value: datetime | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
        return value.astimezone(zone).strftime(fmt) if value else ""

    env.filters["local"] = local
    env.globals.update(
        VERDICT_LABELS=VERDICT_LABELS, SEVERITY_LABELS=SEVERITY_LABELS,
        SLOT_LABELS={slot.value: label for slot, label in SLOT_LABELS.items()},
        ACTION_LABELS={a.value: label for a, label in ACTION_LABELS.items()},
        STATUS_LABELS={s.value: label for s, label in STATUS_LABELS.items()},
        ROLE_LABELS={r.value: label for r, label in ROLE_LABELS.items()},
        ACCOUNT_FIELDS=ACCOUNT_FIELDS, REQUEST_REASONS=REQUEST_REASONS,
        CSRF_FIELD=CSRF_FIELD, CSRF_HEADER=CSRF_HEADER, describe=describe_change,
    )
    return templates


def render(request: Request, template: str, status_code: int = 200, **values: Any
           ) -> HTMLResponse:
    """A page, with the signed-in user and CSRF token when there is a session."""
    context = request.app.state.context
    values.setdefault("user", getattr(request.state, "user", None))
    values.setdefault("csrf_token", getattr(request.state, "csrf_token", ""))
    values.setdefault("rules", context.rules)
    values.setdefault("now", datetime.now(context.rules.zone))
    return request.app.state.templates.TemplateResponse(
        request, template, values, status_code=status_code)
