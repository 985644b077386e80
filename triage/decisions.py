"""Staff decisions: what each records (before and after) and the candidate's message."""

from typing import Any

from checks.formatting import french_datetime
from schemas.errors import JustifError
from schemas.rules import SessionRules
from schemas.slots import SLOT_LABELS, Slot
from schemas.staff import Action, AuditEntry, Decision

# Why a new piece is requested, as the candidate will read it.
REQUEST_REASONS: dict[str, str] = {
    "illisible": "le document est illisible (flou, sombre ou coupé)",
    "incomplet": "le document est incomplet (recto ou verso manquant, page manquante)",
    "perime": "le document n'est plus en cours de validité",
    "non_signe": "le récapitulatif d'inscription n'est pas signé",
    "non_a_jour": "le récapitulatif ne correspond pas à votre inscription actuelle",
    "autre_personne": "le document est au nom d'une autre personne",
    "mauvaise_piece": "le fichier déposé n'est pas la pièce demandée",
}

# Account fields staff may correct, with their French label.
ACCOUNT_FIELDS: dict[str, str] = {
    "birth_name": "Nom de naissance",
    "usage_name": "Nom d'usage",
    "given_names": "Prénoms",
    "birth_date": "Date de naissance",
    "specialty_code": "Code de spécialité",
    "options": "Options",
    "email": "Adresse électronique",
    "postal_code": "Code postal",
    "city": "Commune",
}

_MAX_TEXT = 2000


class DecisionError(JustifError):
    """A decision form that cannot be recorded as submitted; the message says what to fix."""


def account_value(account: dict[str, Any], field: str) -> str:
    """An account field as staff read and type it (lists joined by commas)."""
    value = account.get(field)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def salutation(account: dict[str, Any]) -> str:
    """How a letter to the candidate opens, from the account's civility."""
    return {"MME": "Madame", "M": "Monsieur", "M.": "Monsieur"}.get(
        str(account.get("civility", "")).upper(), "Madame, Monsieur")


def piece_request_message(*, slot: Slot, reason: str, account: dict[str, Any],
                          rules: SessionRules, comment: str | None = None) -> str:
    """The French message the candidate receives when a new piece is requested."""
    precision = f"\nPrécision : {comment.strip()}\n" if comment and comment.strip() else ""
    return (
        f"{salutation(account)},\n\n"
        f"La pièce « {SLOT_LABELS[slot]} » de votre dossier d'inscription au BTS "
        f"(n° {account.get('candidate_id', '')}) ne peut pas être acceptée : "
        f"{REQUEST_REASONS[reason]}.\n{precision}\n"
        f"Merci de déposer une nouvelle pièce sur votre espace candidat avant le "
        f"{french_datetime(rules.deadline, rules.zone)}. Sans elle, votre inscription ne "
        f"pourra pas être validée.\n\n"
        f"Le service des examens, {rules.academy_label}"
    )


def _text(value: str | None, what: str, *, required: bool) -> str | None:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise DecisionError(f"{what} : à renseigner")
    if len(cleaned) > _MAX_TEXT:
        raise DecisionError(f"{what} : {_MAX_TEXT} caractères au plus")
    return cleaned or None


def audit_change(decision: Decision, account: dict[str, Any], rules: SessionRules
                 ) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) of the audit event a decision records; DecisionError if incomplete."""
    _text(decision.comment, "Commentaire", required=False)
    if decision.action is Action.VALIDATE:
        return {}, {"decision": "valide"}
    if decision.action is Action.REJECT:
        return {}, {"decision": "rejete"}
    if decision.action is Action.REQUEST_PIECE:
        try:
            slot = Slot(decision.slot or "")
        except ValueError:
            raise DecisionError("Pièce à redemander : choisissez un emplacement") from None
        if decision.reason not in REQUEST_REASONS:
            raise DecisionError("Motif de la demande : choisissez un motif")
        message = piece_request_message(slot=slot, reason=decision.reason, account=account,
                                        rules=rules, comment=decision.comment)
        return {}, {"decision": "piece_demandee", "slot": slot.value,
                    "reason": decision.reason, "candidate_message": message}
    if decision.action is Action.CORRECT_ACCOUNT:
        if decision.field not in ACCOUNT_FIELDS:
            raise DecisionError("Champ à corriger : choisissez un champ du compte")
        new = _text(decision.new_value, "Nouvelle valeur", required=True)
        old = account_value(account, decision.field)
        if new == old:
            raise DecisionError("Nouvelle valeur : identique à la valeur actuelle")
        return ({"field": decision.field, "value": old},
                {"decision": "compte_corrige", "field": decision.field, "value": new})
    raise DecisionError("décision inconnue")


def describe_change(entry: AuditEntry) -> tuple[str, str]:
    """An audit entry's before and after, in French, as the journal shows them."""
    before, after = entry.before, entry.after
    if entry.action is Action.ASSIGN:
        return before.get("assignee") or "personne", after.get("assignee") or "personne"
    if entry.action is Action.REQUEST_PIECE:
        slot = SLOT_LABELS.get(Slot(after["slot"]), after["slot"])
        return "", f"{slot} — {REQUEST_REASONS.get(after['reason'], after['reason'])}"
    if entry.action is Action.CORRECT_ACCOUNT:
        label = ACCOUNT_FIELDS.get(after["field"], after["field"])
        return f"{label} : {before.get('value') or '(vide)'}", f"{label} : {after['value']}"
    return "", entry.label
