"""Civil status: the identity document's surname, given names and birth date against the account."""

from datetime import date

from checks.identity import identity_reading, shows_identity_document
from checks.names.compare import (
    DocumentName,
    compare_birth_date,
    compare_given_names,
    compare_surname,
    join_names,
)
from schemas.account import Account
from schemas.civil_status import Agreement, Difference, FieldComparison, Source
from schemas.dossier import DossierFacts, PieceFacts
from schemas.findings import Finding, FindingCode
from schemas.mrz import MrzReading
from schemas.printed import PrintedZone
from schemas.slots import Slot

_FIELD_LABELS = {"surname": "Nom", "given_names": "Prénoms", "birth_date": "Date de naissance"}
_SOURCE_LABELS = {Source.MRZ: "MRZ", Source.PRINTED: "zone imprimée",
                  Source.MRZ_AND_PRINTED: "MRZ et zone imprimée"}
_VARIANT_LABELS = {Difference.ACCENTS: "accents", Difference.SEPARATORS:
                   "trait d'union, espace ou apostrophe"}
_MISMATCH_CODES = {"surname": FindingCode.SURNAME_MISMATCH,
                   "given_names": FindingCode.GIVEN_NAMES_MISMATCH,
                   "birth_date": FindingCode.BIRTHDATE_MISMATCH}


def compare_civil_status(account: Account, reading: MrzReading, printed: PrintedZone | None
                         ) -> tuple[FieldComparison, ...]:
    """Surname, given names and birth date of a valid MRZ (and the printed zone) vs the account."""
    fields = reading.fields
    truncated = bool(fields.get("truncated"))
    surname = DocumentName(
        mrz=fields.get("surname"), printed=printed.surname if printed else None,
        truncated=bool(fields.get("surname_truncated", truncated)))
    given = DocumentName(
        mrz=join_names(fields.get("given_names") or []),
        printed=join_names(printed.given_names) if printed and printed.given_names else None,
        truncated=bool(fields.get("given_names_truncated", truncated)))
    comparisons = [
        compare_surname(surname, account.birth_name, account.usage_name,
                        printed.usage_name if printed else None),
        compare_given_names(given, account.given_names),
    ]
    born = fields.get("birth_date_iso")
    if born:
        source = Source.MRZ
        if printed and printed.birth_date == date.fromisoformat(born):
            source = Source.MRZ_AND_PRINTED
        comparisons.append(compare_birth_date(date.fromisoformat(born), account.birth_date,
                                              source))
    return tuple(comparisons)


def _pointer(comparison: FieldComparison) -> str:
    """Where the two spellings part, in words."""
    kinds, detail = comparison.differences, comparison.detail
    if Difference.USAGE_AS_BIRTH_NAME in kinds:
        return (f"le compte donne comme nom de naissance le nom d'usage de la pièce "
                f"« {detail.get('document_usage_name')} »")
    if Difference.PARTICLE in kinds:
        return "particule présente d'un seul côté"
    if Difference.MISSING_GIVEN_NAMES in kinds:
        return f"prénom(s) absent(s) du compte : {', '.join(detail.get('missing', []))}"
    if Difference.EXTRA_GIVEN_NAMES in kinds:
        return f"prénom(s) du compte absent(s) de la pièce : {', '.join(detail.get('extra', []))}"
    if Difference.ORDER in kinds:
        return "mêmes prénoms dans un autre ordre"
    if Difference.DAY_MONTH_SWAP in kinds:
        return "jour et mois inversés"
    if Difference.TYPO in kinds:
        typos = detail.get("typos")
        where = (" (" + ", ".join(f"{d} / {a}" for d, a in typos) + ")") if typos else ""
        return (f"une ou deux lettres diffèrent{where} : faute de frappe, ou autre personne au "
                "nom proche")
    if comparison.field == "birth_date":
        return f"{detail.get('days_apart')} jour(s) d'écart"
    return "orthographes éloignées : probablement une autre personne"


def _finding(comparison: FieldComparison) -> Finding | None:
    label = _FIELD_LABELS[comparison.field]
    evidence = comparison.model_dump(mode="json")
    shown = (f"pièce « {comparison.document} » ({_SOURCE_LABELS[comparison.source]}), "
             f"compte « {comparison.account} »")
    readings = comparison.detail.get("readings", {})
    printed_alone = readings.get("mrz") == "" or readings.get("beyond_mrz")
    if comparison.agreement is Agreement.MISMATCH and printed_alone:
        # Only OCR of the printed zone says they differ, where the MRZ has nothing (a name
        # it cut): not enough to claim a mismatch.
        return Finding.of(
            FindingCode.MANUAL_CHECK_REQUIRED,
            f"Contrôle manuel : {label.lower()} coupés ou absents dans la MRZ ; zone imprimée "
            f"lue « {comparison.document} », compte « {comparison.account} » : à comparer à "
            "l'œil", slot=Slot.IDENTITE.value, **evidence)
    if comparison.agreement is Agreement.MISMATCH:
        return Finding.of(
            _MISMATCH_CODES[comparison.field],
            f"{label} différent(s) : {shown} — {_pointer(comparison)}",
            slot=Slot.IDENTITE.value, **evidence)
    if Difference.TRUNCATED in comparison.differences and not comparison.document:
        # A surname that fills the MRZ leaves no room for given names: nothing to compare.
        return Finding.of(
            FindingCode.MANUAL_CHECK_REQUIRED,
            f"Contrôle manuel : {label.lower()} absents de la MRZ (nom trop long pour la "
            f"bande) ; compte « {comparison.account} » à comparer à la zone imprimée",
            slot=Slot.IDENTITE.value, **evidence)
    if comparison.agreement is Agreement.VARIANT:
        if Difference.USAGE_NAME in comparison.differences:
            what = (f"le nom de la pièce « {comparison.document} » est le nom d'usage du "
                    f"compte ; nom de naissance saisi : « {comparison.account} »")
        else:
            kinds = [_VARIANT_LABELS[d] for d in comparison.differences if d in _VARIANT_LABELS]
            what = f"{shown} — seuls diffèrent : {', '.join(kinds)}"
        return Finding.of(FindingCode.NAME_VARIANT, f"{label} : {what}",
                          slot=Slot.IDENTITE.value, **evidence)
    return None


def _uncertain_letters_explain(account: Account, reading: MrzReading,
                               printed: PrintedZone | None, field: str) -> bool:
    """Whether another choice among the MRZ letters the reader could not settle agrees."""
    for names in reading.fields.get("name_readings", ()):
        other = reading.model_copy(update={"fields": {**reading.fields, **names}})
        if any(c.field == field and c.agreement is not Agreement.MISMATCH
               for c in compare_civil_status(account, other, printed)):
            return True
    return False


def _unsure_letters(comparison: FieldComparison, reading: MrzReading) -> Finding:
    """A difference the reader's uncertain letters may explain: for a person, not a mismatch."""
    letters = " ; ".join(" ou ".join(options)
                         for _, _, options in reading.fields["uncertain_letters"])
    return Finding.of(
        FindingCode.MANUAL_CHECK_REQUIRED,
        f"Contrôle manuel : {_FIELD_LABELS[comparison.field].lower()} — lettre de la MRZ lue "
        f"sans certitude ({letters}) ; pièce « {comparison.document} », compte "
        f"« {comparison.account} » : à vérifier à l'œil", slot=Slot.IDENTITE.value,
        uncertain_letters=reading.fields["uncertain_letters"],
        **comparison.model_dump(mode="json"))


def civil_status_findings(account: Account, reading: MrzReading, printed: PrintedZone | None
                          ) -> list[Finding]:
    """The findings of comparing a verified MRZ (and the printed zone) with the account."""
    findings = []
    for comparison in compare_civil_status(account, reading, printed):
        if (comparison.agreement is Agreement.MISMATCH and comparison.source is Source.MRZ
                and _uncertain_letters_explain(account, reading, printed, comparison.field)):
            findings.append(_unsure_letters(comparison, reading))
        elif (finding := _finding(comparison)) is not None:
            findings.append(finding)
    return findings


def check_civil_status(facts: DossierFacts) -> list[Finding]:
    """SURNAME_MISMATCH, GIVEN_NAMES_MISMATCH, BIRTHDATE_MISMATCH, NAME_VARIANT.

    Only a verified MRZ is compared: an unreadable or invalid one is already a finding, and a
    person compares its names by eye. A name letter the reader could not settle is settled by
    the printed zone, or shows as a difference for a person.
    """
    found = identity_reading(facts)
    if found is None or not found[1].verified:
        return []
    piece, reading = found
    return civil_status_findings(facts.account, reading, identity_printed(facts, piece))


def identity_printed(facts: DossierFacts, mrz_piece: PieceFacts) -> PrintedZone | None:
    """The identity slot's printed zone that shows the most names, the MRZ's file first.

    The 2021 card and the residence permit print the names on the side without the MRZ.
    """
    # Only the document's own sides: a letter in the slot also prints the candidate's name.
    zones = [(p is mrz_piece, p.extraction.printed) for p in facts.pieces_in(Slot.IDENTITE)
             if p.extraction.printed is not None
             and (p is mrz_piece or shows_identity_document(p.extraction.printed))]
    if not zones:
        return None

    def shown(item: tuple[bool, PrintedZone]) -> tuple[int, bool]:
        same_file, zone = item
        return (zone.names_shown, same_file)

    return max(zones, key=shown)[1]
