"""A dossier's page (pieces, account against document, findings, history, audit log), decisions."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from checks.identity import IDENTITY_LABELS
from checks.slots import KIND_LABELS
from database import staff
from database.models import Piece
from database.triage import audit_log, dossier_states, verification_detail, verification_history
from extractors.pages import MAX_PAGES
from schemas.extraction import PROBLEM_LABELS, ProblemKind
from schemas.staff import Action, Decision
from triage.comparison import compare_identity, compare_recap
from triage.decisions import DecisionError
from triage.queue import display_name, neighbours
from triage.status import reopen_reason, status_of
from webapp.actions import assign, decide
from webapp.auth import Context, Form, Staff, text_field
from webapp.routes.queue_pages import filter_query, filters_from, filters_from_query
from webapp.templating import render

router = APIRouter()


def _identity_piece(pieces: list[Piece]) -> Piece | None:
    """The identity file the MRZ was read from, else the first readable one of the slot."""
    slot = [p for p in pieces if p.slot == "identite" and p.outcome == "read"]
    with_mrz = [p for p in slot if (p.extraction.get("mrz") or {}).get("valid")]
    return (with_mrz or slot or [None])[0]


def _kind_label(kind: str | None) -> str | None:
    """What the piece was read as, in French (the labels the findings' messages use)."""
    if kind is None:
        return None
    return IDENTITY_LABELS.get(kind) or KIND_LABELS.get(kind, kind)


def _latest_recap(pieces: list[Piece]) -> dict[str, Any] | None:
    """What the newest récapitulatif read says (checks.recap judges the same one)."""
    read = [p for p in pieces if p.slot == "recapitulatif" and p.extraction.get("recap")]
    if not read:
        return None
    return max(read, key=lambda p: p.uploaded_at or p.stored_at).extraction["recap"]


def _piece_view(piece: Piece) -> dict[str, Any]:
    extraction = piece.extraction
    mrz = extraction.get("mrz") or {}
    # Only a récapitulatif is expected to be signed; other pieces' signature reading is noise.
    is_recap = piece.slot == "recapitulatif" or extraction.get("document_type") == "recapitulatif"
    signature = extraction.get("signature") if is_recap else None
    return {
        "piece": piece,
        # Previews show the pages the extractors read (a long bundle: its first pages).
        "pages": min(extraction.get("pages") or (1 if piece.outcome == "read" else 0),
                     MAX_PAGES),
        "all_pages": extraction.get("pages") or 0,
        "document_type": _kind_label(extraction.get("document_type")),
        "problem": (PROBLEM_LABELS[ProblemKind(piece.problem)] if piece.problem else None),
        "mrz": mrz or None,
        "mrz_box": (mrz.get("source") or {}).get("box"),
        "signature": signature,
        "quality": extraction.get("quality"),
    }


def dossier_page(request: Request, context: Context, dossier_id: int, *,
                 error: str | None = None, status_code: int = 200) -> Response:
    """Render the dossier page (also after a refused decision, with the error shown)."""
    states = dossier_states(context.engine, context.rules.session)
    state = next((s for s in states if s.dossier_id == dossier_id), None)
    if state is None:
        raise HTTPException(404)
    filters = filters_from(request)
    previous, following = neighbours(states, filters, dossier_id)
    verification = verification_detail(context.engine, state.verification_id)
    identity = _identity_piece(verification.pieces)
    comparison = compare_identity(
        state.account,
        identity.extraction.get("printed") if identity else None,
        (identity.extraction.get("mrz") or {}).get("fields") if identity else None)
    recap = _latest_recap(verification.pieces)
    return render(
        request, "dossier.html", status_code=status_code, state=state,
        recap_comparison=compare_recap(state.account, recap) if recap else None,
        name=display_name(state.account), status=status_of(state).value,
        reopened=reopen_reason(state, context.rules.zone), verification=verification,
        pieces=[_piece_view(p) for p in verification.pieces], comparison=comparison,
        history=verification_history(context.engine, dossier_id),
        audit=list(reversed(audit_log(context.engine, dossier_id))),
        colleagues=[u for u, _ in staff.list_users(context.engine, active_only=True)],
        query=filter_query(filters), previous=previous, following=following,
        error=error, done=request.query_params.get("fait"))


@router.get("/dossiers/{dossier_id}")
def dossier(request: Request, context: Context, user: Staff, dossier_id: int) -> Response:
    """The dossier with everything staff need to decide."""
    return dossier_page(request, context, dossier_id)


def _back(form_query: str, dossier_id: int, done: str) -> RedirectResponse:
    query = filter_query(filters_from_query(form_query))
    return RedirectResponse(f"/dossiers/{dossier_id}?{query}&fait={done}".replace("?&", "?"),
                            status_code=303)


@router.post("/dossiers/{dossier_id}/attribution")
def assign_one(context: Context, user: Staff, form: Form, dossier_id: int) -> Response:
    """Assign this dossier to oneself or (supervisors) to a colleague."""
    assign(context, user, [dossier_id], text_field(form, "assignee"))
    return _back(text_field(form, "retour"), dossier_id, "attribution")


@router.post("/dossiers/{dossier_id}/decision")
def take_decision(request: Request, context: Context, user: Staff, form: Form,
                  dossier_id: int) -> Response:
    """Validate, request a piece, reject or correct the account; always audited."""
    try:
        action = Action(text_field(form, "action"))
        if action is Action.ASSIGN:
            raise ValueError
        decision = Decision(action=action, comment=text_field(form, "comment") or None,
                            slot=text_field(form, "slot") or None,
                            reason=text_field(form, "reason") or None,
                            field=text_field(form, "field") or None,
                            new_value=text_field(form, "new_value") or None)
        decide(context, user, dossier_id, decision)
    except ValueError:
        return dossier_page(request, context, dossier_id, status_code=422,
                            error="Décision inconnue.")
    except DecisionError as exc:
        return dossier_page(request, context, dossier_id, status_code=422, error=str(exc))
    return _back(text_field(form, "retour"), dossier_id, action.value)
