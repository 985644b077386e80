"""Checks on the identity piece: a readable MRZ, check digits, an accepted type, validity."""

import calendar
from datetime import date

from checks.quality import quality_problems
from extractors.classify import IDENTITY_TYPES
from schemas.dossier import DossierFacts, PieceFacts
from schemas.findings import Finding, FindingCode
from schemas.mrz import MrzReading
from schemas.printed import PrintedZone
from schemas.slots import Slot
from schemas.verdict import IdentitySummary

IDENTITY_LABELS = {"cni_td1": "carte nationale d'identité (modèle 2021)",
           "cni_1988": "carte nationale d'identité (modèle 1988-2021)",
           "passport": "passeport", "residence_permit": "titre de séjour",
           "foreign_id_card": "carte d'identité étrangère", "visa": "visa",
           "driving_licence": "permis de conduire"}


def identity_reading(facts: DossierFacts) -> tuple[PieceFacts, MrzReading] | None:
    """The identity slot's best MRZ: valid, else verified, else the most confident."""
    found = [(piece, piece.extraction.mrz) for piece in facts.pieces_in(Slot.IDENTITE)
             if piece.extraction.readable and piece.extraction.mrz is not None]
    if not found:
        return None
    return max(found, key=lambda item: (item[1].valid, item[1].verified,  # type: ignore[union-attr]
                                         item[1].confidence))


def shows_identity_document(printed: PrintedZone | None) -> bool:
    """Whether a printed zone is an identity document's side."""
    return printed is not None and printed.shows_identity_document


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _eighteenth(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        return date(born.year + 18, 3, 1)


def validity_end(reading: MrzReading) -> tuple[date | None, str]:
    """Last day of validity and the rule that gives it.

    The 1988-2021 card states no expiry in its MRZ: it is valid 10 years from its issue
    month, 15 years when issued from 1 January 2004 to 31 December 2013 to an adult (décret
    2013-1188), although the card itself still says 10.
    """
    fields = reading.fields
    if reading.format != "FRA_CNI_1988":
        expiry = fields.get("expiry_date_iso")
        return (date.fromisoformat(expiry) if expiry else None), "date d'expiration de la MRZ"
    issued = reading.issue_month
    if issued is None:
        return None, "mois de délivrance illisible"
    year, month = issued
    born = fields.get("birth_date_iso")
    # Adult when issued: 18 by the end of the issue month (the day is not in the MRZ).
    adult = born is not None and _eighteenth(date.fromisoformat(born)) <= _end_of_month(
        year, month)
    if date(2004, 1, 1) <= date(year, month, 1) <= date(2013, 12, 31) and adult:
        return _end_of_month(year + 15, month), "15 ans (délivrée 2004-2013 à un majeur)"
    return _end_of_month(year + 10, month), "10 ans à compter de la délivrance"


def check_identity_document(facts: DossierFacts) -> list[Finding]:
    """ID_UNREADABLE, ID_MRZ_INVALID, ID_TYPE_NOT_ACCEPTED, ID_EXPIRED on the identity slot."""
    readable = [p for p in facts.pieces_in(Slot.IDENTITE) if p.extraction.readable]
    if not readable:
        return []  # missing or unreadable files are reported by the pieces checks
    found = identity_reading(facts)
    files = [p.filename for p in readable]
    if found is None or not found[1].verified:
        poor = [(p, quality_problems(p.extraction.quality)) for p in readable]
        poor = [(p, problems) for p, problems in poor if problems]
        if poor:
            # The reading failed and the photo says why: the candidate must send a better one.
            return [Finding.of(
                FindingCode.IMAGE_QUALITY_LOW,
                f"Photo de la pièce d'identité {', '.join(poor[0][1])} : MRZ illisible, "
                "demander une nouvelle photo nette et éclairée",
                slot=Slot.IDENTITE.value, file=piece.filename, problems=problems,
                quality=piece.extraction.quality) for piece, problems in poor][:1]
    if found is None:
        licence = [p.filename for p in readable if p.extraction.printed is not None
                   and "PERMIS DE CONDUIRE" in p.extraction.printed.source.get(
                       "identity_cues", [])]
        if licence:
            return [Finding.of(
                FindingCode.ID_TYPE_NOT_ACCEPTED,
                "Pièce déposée : permis de conduire ; une carte d'identité, un passeport ou "
                "un titre de séjour est attendu", slot=Slot.IDENTITE.value, file=licence[0],
                document_type="driving_licence")]
        return [Finding.of(
            FindingCode.ID_UNREADABLE,
            "Aucune bande MRZ lisible sur la pièce d'identité : vérifier le document à l'œil",
            slot=Slot.IDENTITE.value, files=files)]
    piece, reading = found
    if not reading.verified:
        failed = [name for name, ok in reading.checks.items() if not ok]
        why = f"chiffres de contrôle : {', '.join(failed) if failed else 'structure'}"
        return [Finding.of(
            FindingCode.ID_MRZ_INVALID,
            f"MRZ de la pièce d'identité lue mais incohérente ({why}) : document abîmé, "
            "mal photographié ou falsifié",
            slot=Slot.IDENTITE.value, file=piece.filename, lines=reading.lines,
            checks=reading.checks, confidence=reading.confidence)]
    kind = piece.extraction.document_type or ""
    if kind not in IDENTITY_TYPES:
        return [Finding.of(
            FindingCode.ID_TYPE_NOT_ACCEPTED,
            f"Pièce déposée : {IDENTITY_LABELS.get(kind, kind)} ; une carte d'identité, "
            "un passeport ou un titre de séjour est attendu",
            slot=Slot.IDENTITE.value, file=piece.filename, document_type=kind)]
    end, rule = validity_end(reading)
    reference = facts.rules.identity_reference_day
    if end is not None and end < reference:
        return [Finding.of(
            FindingCode.ID_EXPIRED,
            f"{IDENTITY_LABELS[kind].capitalize()} expiré(e) le {end:%d/%m/%Y} ({rule}) ; "
            f"elle doit être valide le {reference:%d/%m/%Y}",
            slot=Slot.IDENTITE.value, file=piece.filename, valid_until=end.isoformat(),
            rule=rule, reference_day=reference.isoformat())]
    return []


def identity_summary(facts: DossierFacts) -> IdentitySummary | None:
    """The identity as the verdict shows it (contract §3), from the MRZ."""
    found = identity_reading(facts)
    if found is None:
        return None
    piece, reading = found
    fields = reading.fields
    end, _ = validity_end(reading) if reading.verified else (None, "")
    born = fields.get("birth_date_iso")
    return IdentitySummary(
        document_type=piece.extraction.document_type,
        surname=fields.get("surname"), given_names=fields.get("given_names"),
        birth_date=date.fromisoformat(born) if born else None, expiry_date=end,
        document_number=fields.get("document_number"), mrz_valid=reading.valid)
