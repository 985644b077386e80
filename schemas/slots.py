"""The upload slots of a dossier and the French labels staff see for them."""

from enum import StrEnum


class Slot(StrEnum):
    """Where the candidate put a file (CONTRACT.md section 1); not proof of what the file is."""

    IDENTITE = "identite"
    RECAPITULATIF = "recapitulatif"
    JDC = "jdc"
    RELEVE_NOTES = "releve_notes"
    EXPERIENCE = "experience"
    AMENAGEMENT = "amenagement"
    AUTRE = "autre"


SLOT_LABELS: dict[Slot, str] = {
    Slot.IDENTITE: "Pièce d'identité en cours de validité",
    Slot.RECAPITULATIF: "Récapitulatif d'inscription signé",
    Slot.JDC: "Attestation de recensement / certificat JDC",
    Slot.RELEVE_NOTES: "Relevé de notes de la session antérieure",
    Slot.EXPERIENCE: "Justificatif de formation ou d'expérience",
    Slot.AMENAGEMENT: "Décision d'aménagement d'épreuves",
    Slot.AUTRE: "Autre pièce",
}
