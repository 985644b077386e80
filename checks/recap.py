"""The récapitulatif: signed, this candidate's, and printed with the account's current choices."""

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from checks.names.compare import score
from checks.names.spelling import Spelling
from checks.slots import EXPECTED_KINDS
from extractors.printed.fields import plain
from schemas.account import Account
from schemas.dossier import DossierFacts, PieceFacts
from schemas.findings import Finding, FindingCode
from schemas.recap import RecapContent
from schemas.slots import SLOT_LABELS, Slot

# Candidate numbers differing in this many digits or more are two numbers, not a misread one:
# OCR slips a digit or two of eleven.
_OTHER_NUMBER_EDITS = 3
# Names this similar (checks.names.compare.score, 0-100) are the same name read with OCR
# slips; below the lower bound they are different names.
_SAME_NAME, _OTHER_NAME = 85.0, 60.0
# The specialty line ("MCO - Management commercial opérationnel") against the account's.
_SAME_SPECIALTY, _OTHER_SPECIALTY = 85.0, 65.0
# An option read this close to one of the account's is that option.
_SAME_OPTION = 80.0


def _recap_files(facts: DossierFacts) -> list[PieceFacts]:
    """Readable files of the slot that are (or may be) the récapitulatif, latest last."""
    files = [p for p in facts.pieces_in(Slot.RECAPITULATIF) if p.extraction.readable
             and p.extraction.document_type in (None, *EXPECTED_KINDS[Slot.RECAPITULATIF])]
    return sorted(files, key=lambda p: p.uploaded_at or p.stored_at)


def _same_name(read: str, account: Account) -> bool | None:
    """True, False, or None when the OCR'd name is too far to trust and too close to reject."""
    names = [account.birth_name] + ([account.usage_name] if account.usage_name else [])
    best = max(score(Spelling(read), Spelling(name)) for name in names)
    if best >= _SAME_NAME:
        return True
    return False if best < _OTHER_NAME else None


def candidate_evidence(recap: RecapContent, account: Account) -> dict[str, bool | None]:
    """For each identifying field: the same as the account, different, or unknown (None)."""
    number = None
    if recap.candidate_id:
        edits = Levenshtein.distance(recap.candidate_id, account.candidate_id)
        number = True if edits == 0 else False if edits >= _OTHER_NUMBER_EDITS else None
    return {
        "candidate_id": number,
        "birth_name": _same_name(recap.birth_name, account) if recap.birth_name else None,
        "birth_date": None if recap.birth_date is None else recap.birth_date
        == account.birth_date,
    }


def specialty_same(recap: RecapContent, account: Account) -> bool | None:
    """Whether the printed specialty is the account's; None when not read well enough."""
    if recap.specialty_code == account.specialty_code:
        return True
    if not recap.specialty:
        return None
    similarity = fuzz.ratio(plain(recap.specialty),
                            plain(f"{account.specialty_code} - {account.specialty}"))
    if similarity >= _SAME_SPECIALTY:
        return True
    return False if similarity < _OTHER_SPECIALTY else None


def options_same(recap: RecapContent, account: Account) -> bool | None:
    """Whether the printed optional exams are the account's; None when not read."""
    if recap.options is None:
        return None
    wanted = {plain(o).replace(" ", "-") for o in account.options}
    read = set()
    for option in recap.options:
        closest = max(wanted, key=lambda w: fuzz.ratio(option, w), default=None)
        read.add(closest if closest and fuzz.ratio(option, closest) >= _SAME_OPTION else option)
    return read == wanted


def is_this_candidates(recap: RecapContent, account: Account) -> bool | None:
    """Whether the récapitulatif is this candidate's; None when not read well enough.

    Yes: the same number, or the same name and birth date. No: another number, or another
    name and another birth date.
    """
    return _owner(candidate_evidence(recap, account))


def _owner(evidence: dict[str, bool | None]) -> bool | None:
    if evidence["candidate_id"] is False or (
            evidence["birth_name"] is False and evidence["birth_date"] is False):
        return False
    if evidence["candidate_id"] is True or (
            evidence["birth_name"] is True and evidence["birth_date"] is True):
        return True
    return None


def _outdated(recap: RecapContent, account: Account, specialty: bool | None,
              options: bool | None) -> list[Finding]:
    findings = []
    if specialty is False:
        findings.append(Finding.of(
            FindingCode.RECAP_OUTDATED,
            f"Récapitulatif périmé : spécialité « {recap.specialty} » au lieu de "
            f"« {account.specialty_code} - {account.specialty} » (compte)",
            slot=Slot.RECAPITULATIF.value, field="specialty", document=recap.specialty,
            account=f"{account.specialty_code} - {account.specialty}"))
    if options is False:
        printed = ", ".join(recap.options or ()) or "aucune"
        current = ", ".join(account.options) or "aucune"
        findings.append(Finding.of(
            FindingCode.RECAP_OUTDATED,
            f"Récapitulatif périmé : épreuves facultatives « {printed} » au lieu de "
            f"« {current} » (compte)",
            slot=Slot.RECAPITULATIF.value, field="options", document=list(recap.options or ()),
            account=list(account.options)))
    return findings


def check_recap_content(facts: DossierFacts) -> list[Finding]:
    """RECAP_CANDIDATE_MISMATCH, RECAP_OUTDATED, or a person when the content is unread.

    Whose it is: is_this_candidates. Current: specialty_same and options_same.
    """
    files = _recap_files(facts)
    if not files:
        return []
    latest = files[-1]
    recap, account = latest.extraction.recap, facts.account
    unread = []
    if recap is not None:
        evidence = candidate_evidence(recap, account)
        ours = _owner(evidence)
        if ours is False:
            return [Finding.of(
                FindingCode.RECAP_CANDIDATE_MISMATCH,
                f"Récapitulatif d'un autre candidat : n° {recap.candidate_id or '?'}, "
                f"{recap.birth_name or '?'} {' '.join(recap.given_names)}, né(e) le "
                f"{recap.birth_date.strftime('%d/%m/%Y') if recap.birth_date else '?'} "
                f"(compte : n° {account.candidate_id}, {account.birth_name} "
                f"{' '.join(account.given_names)}, {account.birth_date.strftime('%d/%m/%Y')})",
                slot=Slot.RECAPITULATIF.value, file=latest.filename,
                document=recap.model_dump(mode="json", include={
                    "candidate_id", "birth_name", "given_names", "birth_date"}),
                same=evidence)]
        if ours is None:
            unread.append("à qui il appartient (numéro, nom, date de naissance)")
        specialty, options = specialty_same(recap, account), options_same(recap, account)
        findings = _outdated(recap, account, specialty, options)
        if findings:
            return findings
        if specialty is None:
            unread.append("la spécialité")
        if options is None:
            unread.append("les épreuves facultatives")
    else:
        unread.append("tout son contenu")
    return [Finding.of(
        FindingCode.MANUAL_CHECK_REQUIRED,
        f"Contrôle manuel : {SLOT_LABELS[Slot.RECAPITULATIF]} — lecture incertaine, "
        f"comparer au compte : {', '.join(unread)}",
        slot=Slot.RECAPITULATIF.value, file=latest.filename, unread=unread)] if unread else []


def check_signature(facts: DossierFacts) -> list[Finding]:
    """SIGNATURE_MISSING when the latest récapitulatif has no handwritten signature."""
    files = _recap_files(facts)
    if not files:
        return []
    latest = files[-1]
    signature = latest.extraction.signature
    if signature is not None and signature.present:
        return []
    where = {"label": "dans le cadre « Signature du candidat »",
             "below_label": "sous « Signature du candidat »",
             "box": "dans le cadre prévu pour la signature",
             "page": "sur la page"}
    return [Finding.of(
        FindingCode.SIGNATURE_MISSING,
        f"Récapitulatif « {latest.filename} » non signé : aucune signature manuscrite "
        f"{where[signature.found_by] if signature else 'lisible'}",
        slot=Slot.RECAPITULATIF.value, file=latest.filename,
        **(signature.model_dump(mode="json") if signature else {}))]
