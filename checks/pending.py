"""What no check reads yet: a person must look, so that an unread piece never passes as ok."""

from checks.identity import identity_reading, shows_identity_document
from schemas.dossier import DossierFacts
from schemas.findings import Finding, FindingCode
from schemas.slots import SLOT_LABELS, Slot

# Slots whose contents justif does not read yet, and what the reviewer must check there.
# A slot leaves this table when the extractor and checks that judge it exist.
UNREAD_SLOTS: dict[Slot, str] = {
    Slot.RECAPITULATIF: "récapitulatif du candidat, à jour et signé",
    Slot.JDC: "la pièce est-elle bien l'attestation de recensement ou le certificat JDC ?",
    Slot.RELEVE_NOTES: "la pièce est-elle bien le relevé de notes de la session antérieure ?",
    Slot.EXPERIENCE: "la pièce est-elle bien un justificatif de formation ou d'expérience ?",
    Slot.AMENAGEMENT: "la pièce est-elle bien une décision d'aménagement d'épreuves ?",
}


def check_unread_content(facts: DossierFacts) -> list[Finding]:
    """MANUAL_CHECK_REQUIRED for each slot holding a readable file no check reads yet."""
    findings = []
    for slot, what in UNREAD_SLOTS.items():
        readable = [p for p in facts.pieces_in(slot) if p.extraction.readable]
        if not readable:
            continue
        findings.append(Finding.of(
            FindingCode.MANUAL_CHECK_REQUIRED,
            f"Contrôle manuel : {SLOT_LABELS[slot]} — {what} "
            "(lecture automatique pas encore disponible)",
            slot=slot.value, files=[p.filename for p in readable],
        ))
    return findings


def check_identity_companions(facts: DossierFacts) -> list[Finding]:
    """MANUAL_CHECK_REQUIRED for files beside the identity document read from another file.

    The identity document's MRZ was read from one file; another file of the slot without an
    MRZ is its other side when it shows the document's own words, else possibly a
    different piece, which nothing classifies yet.
    """
    found = identity_reading(facts)
    if found is None:
        return []  # ID_UNREADABLE already sends the whole slot to a person
    others = [p.filename for p in facts.pieces_in(Slot.IDENTITE)
              if p.extraction.readable and p.extraction.mrz is None
              and not shows_identity_document(p.extraction.printed)]
    if not others:
        return []
    return [Finding.of(
        FindingCode.MANUAL_CHECK_REQUIRED,
        f"Contrôle manuel : {SLOT_LABELS[Slot.IDENTITE]} — fichier(s) sans MRZ à côté de la "
        "pièce lue : recto de la pièce ou autre document ? (classement automatique pas encore "
        "disponible)",
        slot=Slot.IDENTITE.value, files=others)]
