"""Staff actions on dossiers, checked against the user's role and recorded in the audit log."""

from database import staff
from database.triage import dossier_states, record_event
from schemas.staff import Action, Decision, StaffUser
from triage.decisions import audit_change
from webapp.auth import Forbidden
from webapp.context import AppContext

NOBODY = "aucun"
ME = "moi"


def assign(context: AppContext, user: StaffUser, dossier_ids: list[int], target: str) -> int:
    """Give dossiers to a colleague, to oneself or to nobody; returns how many changed.

    Agents may only take dossiers for themselves; supervisors and admins hand them to anyone.
    """
    if target == ME:
        assignee: StaffUser | None = user
    elif target == NOBODY:
        assignee = None
    else:
        known = {str(u.id): u for u, _ in staff.list_users(context.engine, active_only=True)}
        if target not in known:
            raise Forbidden("Attribution refusée : collègue inconnu ou désactivé.")
        assignee = known[target]
    if not user.assigns_others and (assignee is None or assignee.id != user.id):
        raise Forbidden("Attribution refusée : un agent ne peut attribuer un dossier "
                        "qu'à lui-même (demandez à un superviseur).")
    states = {s.dossier_id: s for s in dossier_states(context.engine, context.rules.session)}
    changed = 0
    for dossier_id in dossier_ids:
        state = states.get(dossier_id)
        if state is None:
            continue
        new_id = assignee.id if assignee else None
        if state.assignee_id == new_id:
            continue
        record_event(
            context.engine, dossier_id=dossier_id, actor_id=user.id, action=Action.ASSIGN,
            verification_id=state.verification_id,
            before={"assignee_id": state.assignee_id, "assignee": state.assignee},
            after={"assignee_id": new_id,
                   "assignee": assignee.display_name if assignee else None},
            comment=None)
        changed += 1
    return changed


def decide(context: AppContext, user: StaffUser, dossier_id: int, decision: Decision) -> int:
    """Record a decision on the dossier's latest verification (DecisionError if incomplete)."""
    states = dossier_states(context.engine, context.rules.session, dossier_id)
    if not states:
        raise Forbidden("Dossier introuvable dans cette session.")
    state = states[0]
    before, after = audit_change(decision, {**state.account}, context.rules)
    return record_event(context.engine, dossier_id=dossier_id, actor_id=user.id,
                        action=decision.action, verification_id=state.verification_id,
                        before=before, after=after, comment=decision.comment)
