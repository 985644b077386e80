"""Reminder e-mails to candidates with an incomplete dossier: what to send, and when not to."""

import hashlib
import json
from dataclasses import dataclass

from checks.formatting import french_datetime
from schemas.extraction import PROBLEM_LABELS, ProblemKind
from schemas.findings import Finding, FindingCode
from schemas.rules import SessionRules
from schemas.slots import SLOT_LABELS, Slot
from schemas.staff import DossierState
from triage.decisions import salutation
from triage.status import awaits_candidate


@dataclass(frozen=True)
class Reminder:
    """One e-mail, ready to send, and the state it describes."""

    dossier_id: int
    verification_id: int
    candidate_id: str
    recipient: str
    subject: str
    body: str
    state_key: str
    items: tuple[str, ...]


def _slot_label(slot: str | None) -> str:
    try:
        return SLOT_LABELS[Slot(slot or "")]
    except ValueError:
        return slot or "pièce"


def missing_items(findings: list[Finding]) -> list[tuple[tuple[str, ...], str]]:
    """(what identifies it, the French line for the candidate) for each blocking finding."""
    items: list[tuple[tuple[str, ...], str]] = []
    for finding in findings:
        if finding.code is FindingCode.PIECE_MISSING:
            items.append(((finding.code.value, finding.slot or ""),
                          f"{_slot_label(finding.slot)} : pièce manquante"))
        elif finding.code is FindingCode.FILE_UNREADABLE:
            file = str(finding.evidence.get("file", ""))
            try:
                problem = PROBLEM_LABELS[ProblemKind(finding.evidence.get("problem"))]
            except ValueError:
                problem = "fichier illisible"
            items.append(((finding.code.value, finding.slot or "", file),
                          f"{_slot_label(finding.slot)} : le fichier « {file} » ne peut pas "
                          f"être lu ({problem}), déposez-le à nouveau"))
        elif finding.code is FindingCode.PIECES_NOT_CONFIRMED:
            items.append(((finding.code.value,),
                          "la confirmation du dépôt : cliquez sur « J'ai fourni toutes mes "
                          "pièces » une fois vos pièces déposées"))
    return items


def compose_reminder(state: DossierState, findings: list[Finding], rules: SessionRules
                     ) -> Reminder | None:
    """The e-mail for one dossier, or None when nothing asks the candidate to act."""
    items = missing_items(findings)
    email = str(state.account.get("email") or "").strip()
    if not items or not awaits_candidate(state) or "@" not in email:
        return None
    key = hashlib.sha256(json.dumps(sorted(i for i, _ in items)).encode()).hexdigest()
    lines = "\n".join(f"- {text}" for _, text in items)
    body = (
        f"{salutation(state.account)},\n\n"
        f"Votre dossier d'inscription au BTS (n° {state.candidate_id}, session "
        f"{rules.session}) est incomplet. Il manque :\n\n{lines}\n\n"
        f"Déposez ces pièces sur votre espace candidat avant le "
        f"{french_datetime(rules.deadline, rules.zone)}. Un dossier incomplet à cette date "
        f"est annulé.\n\n"
        f"Le service des examens, {rules.academy_label}\n"
    )
    return Reminder(
        dossier_id=state.dossier_id, verification_id=state.verification_id,
        candidate_id=state.candidate_id, recipient=email,
        subject=f"BTS {rules.session} : dossier n° {state.candidate_id} incomplet",
        body=body, state_key=key, items=tuple(text for _, text in items))
