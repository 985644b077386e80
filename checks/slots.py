"""Is each slot's file the piece the slot asks for: PIECE_WRONG_SLOT, or a person to look."""

from checks.identity import identity_reading, shows_identity_document
from checks.requirements import required_slots
from extractors.classify import IDENTITY_TYPES
from schemas.dossier import DossierFacts, PieceFacts
from schemas.findings import Finding, FindingCode
from schemas.slots import SLOT_LABELS, Slot

# The kinds of piece (extractors.piece_kind, extractors.classify) each slot accepts.
EXPECTED_KINDS: dict[Slot, frozenset[str]] = {
    Slot.IDENTITE: IDENTITY_TYPES | {"driving_licence", "visa"},  # ID_TYPE_NOT_ACCEPTED
    Slot.RECAPITULATIF: frozenset({"recapitulatif"}),
    Slot.JDC: frozenset({"jdc"}),
    Slot.RELEVE_NOTES: frozenset({"releve_notes"}),
    Slot.EXPERIENCE: frozenset({"certificat_scolarite", "certificat_travail"}),
    Slot.AMENAGEMENT: frozenset({"amenagement"}),
}
KIND_LABELS: dict[str, str] = {
    "recapitulatif": "un récapitulatif d'inscription",
    "jdc": "une attestation de recensement ou un certificat JDC",
    "releve_notes": "un relevé de notes",
    "certificat_scolarite": "un certificat de scolarité",
    "certificat_travail": "un certificat de travail",
    "amenagement": "une décision d'aménagement",
    "cv": "un curriculum vitae",
    "driving_licence": "un permis de conduire",
    "visa": "un visa",
    **{kind: "une pièce d'identité" for kind in IDENTITY_TYPES},
}


def _kind(piece: PieceFacts) -> str | None:
    return piece.extraction.document_type


def _wrong(slot: Slot, piece: PieceFacts) -> bool:
    kind = _kind(piece)
    return kind is not None and kind not in EXPECTED_KINDS[slot]


def check_piece_kinds(facts: DossierFacts) -> list[Finding]:
    """PIECE_WRONG_SLOT, PIECE_MISSING or MANUAL_CHECK_REQUIRED from what each file is.

    PIECE_WRONG_SLOT for a file recognised as another piece; PIECE_MISSING as well when a
    required slot holds nothing else; MANUAL_CHECK_REQUIRED for a file not recognised. The
    identity slot's unrecognised files are left to check_identity_companions, which
    knows the document's other side.
    """
    required = {slot for slot, _ in required_slots(facts.account, facts.rules)}
    findings = []
    for slot in EXPECTED_KINDS:
        readable = [p for p in facts.pieces_in(slot) if p.extraction.readable]
        wrong = [p for p in readable if _wrong(slot, p)]
        for piece in wrong:
            findings.append(Finding.of(
                FindingCode.PIECE_WRONG_SLOT,
                f"« {piece.filename} » déposé dans « {SLOT_LABELS[slot]} » est "
                f"{KIND_LABELS.get(str(_kind(piece)), str(_kind(piece)))}",
                slot=slot.value, file=piece.filename, kind=_kind(piece)))
        if readable and len(wrong) == len(readable) and slot in required:
            findings.append(Finding.of(
                FindingCode.PIECE_MISSING,
                f"Pièce manquante : {SLOT_LABELS[slot]} (le fichier déposé est une autre pièce)",
                slot=slot.value, files=[p.filename for p in wrong]))
        unknown = [p.filename for p in readable if _kind(p) is None]
        if unknown and slot is not Slot.IDENTITE:
            findings.append(Finding.of(
                FindingCode.MANUAL_CHECK_REQUIRED,
                f"Contrôle manuel : {SLOT_LABELS[slot]} — nature de la pièce non reconnue "
                "à la lecture : est-ce bien la pièce demandée ?",
                slot=slot.value, files=unknown))
    return findings


def check_identity_companions(facts: DossierFacts) -> list[Finding]:
    """MANUAL_CHECK_REQUIRED for files beside the identity document read from another file.

    The identity document's MRZ was read from one file; another file of the slot without an
    MRZ is its other side when it shows the document's own words, another piece when its
    text says which (PIECE_WRONG_SLOT), else a person looks.
    """
    if identity_reading(facts) is None:
        return []  # ID_UNREADABLE already sends the whole slot to a person
    others = [p.filename for p in facts.pieces_in(Slot.IDENTITE)
              if p.extraction.readable and p.extraction.mrz is None and _kind(p) is None
              and not shows_identity_document(p.extraction.printed)]
    if not others:
        return []
    return [Finding.of(
        FindingCode.MANUAL_CHECK_REQUIRED,
        f"Contrôle manuel : {SLOT_LABELS[Slot.IDENTITE]} — fichier(s) sans MRZ à côté de la "
        "pièce lue : autre face de la pièce ou autre document ?",
        slot=Slot.IDENTITE.value, files=others)]
