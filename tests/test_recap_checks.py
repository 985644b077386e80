"""Checks of the récapitulatif (signature, candidate, choices) and of what each slot holds."""

from datetime import date

from checks.recap import check_recap_content, check_signature
from checks.slots import check_identity_companions, check_piece_kinds
from schemas.recap import RecapContent, SignatureReading
from tests.factories import account, facts, piece, readable

SIGNED = SignatureReading(present=True, confidence=95, page=1, found_by="label",
                          box=(0.5, 0.7, 0.9, 0.85), strokes=2, ink_length=40.0)
UNSIGNED = SignatureReading(present=False, confidence=100, page=1, found_by="label",
                            box=(0.5, 0.7, 0.9, 0.85), strokes=0, ink_length=0.0)


def recap_content(**changes: object) -> RecapContent:
    """What the factories' default account's récapitulatif prints."""
    values: dict[str, object] = {
        "candidate_id": "02612345678", "birth_name": "LE GOFF", "given_names": ("Marie",
                                                                                 "Élodie"),
        "birth_date": date(1990, 3, 12),
        "specialty": "NDRC - Négociation et digitalisation de la relation client",
        "specialty_code": "NDRC", "options": ()}
    values.update(changes)
    return RecapContent.model_validate(values)


def recap_facts(content: RecapContent | None = None, signature: SignatureReading = SIGNED,
                **account_changes: object):
    extraction = readable("recap.pdf", document_type="recapitulatif",
                          recap=content or recap_content(), signature=signature)
    return facts(account(**account_changes),
                 pieces=(piece("identite"), piece("recapitulatif", "recap.pdf",
                                                  extraction=extraction)))


def codes(findings):
    return [(f.code.value, f.slot) for f in findings]


def test_a_signed_current_recap_of_this_candidate_raises_nothing():
    assert check_signature(recap_facts()) == []
    assert check_recap_content(recap_facts()) == []


def test_an_unsigned_recap_is_signature_missing_with_the_area_as_evidence():
    findings = check_signature(recap_facts(signature=UNSIGNED))
    assert codes(findings) == [("SIGNATURE_MISSING", "recapitulatif")]
    assert "« Signature du candidat »" in findings[0].message
    assert findings[0].evidence["box"] == [0.5, 0.7, 0.9, 0.85]


def test_another_candidates_number_is_a_candidate_mismatch_naming_both():
    other = recap_content(candidate_id="02698765432", birth_name="DURAND",
                          birth_date=date(1988, 1, 2))
    findings = check_recap_content(recap_facts(other))
    assert codes(findings) == [("RECAP_CANDIDATE_MISMATCH", "recapitulatif")]
    assert "02698765432" in findings[0].message and "02612345678" in findings[0].message
    assert findings[0].evidence["same"]["candidate_id"] is False


def test_a_number_misread_by_a_digit_with_the_right_name_and_birth_is_this_candidate():
    misread = recap_content(candidate_id="02612345673")
    assert check_recap_content(recap_facts(misread)) == []


def test_a_different_name_and_birth_date_without_a_number_is_another_candidate():
    other = recap_content(candidate_id=None, birth_name="DURAND", birth_date=date(1988, 1, 2))
    assert codes(check_recap_content(recap_facts(other))) == [
        ("RECAP_CANDIDATE_MISMATCH", "recapitulatif")]


def test_a_recap_printed_with_the_usage_name_is_this_candidate():
    content = recap_content(candidate_id=None, birth_name="MARTIN")
    assert check_recap_content(recap_facts(content, usage_name="MARTIN")) == []


def test_an_old_specialty_is_outdated_with_both_values():
    old = recap_content(specialty="MCO - Management commercial opérationnel",
                        specialty_code="MCO")
    findings = check_recap_content(recap_facts(old))
    assert codes(findings) == [("RECAP_OUTDATED", "recapitulatif")]
    assert findings[0].evidence["field"] == "specialty"
    assert "MCO" in findings[0].message and "NDRC" in findings[0].message


def test_changed_options_are_outdated_and_an_ocr_slip_in_an_option_is_not():
    changed = check_recap_content(recap_facts(recap_content(options=("LV2-ESP",)),
                                              options=("LV2-ALL",)))
    assert codes(changed) == [("RECAP_OUTDATED", "recapitulatif")]
    assert changed[0].evidence["field"] == "options"
    slipped = recap_content(options=("LV2-AL1", "MATHS"))
    assert check_recap_content(recap_facts(slipped, options=("LV2-ALL", "MATHS"))) == []


def test_an_unread_recap_goes_to_a_person_saying_what_was_not_read():
    unread = recap_content(candidate_id=None, birth_name=None, birth_date=None,
                           specialty=None, specialty_code=None, options=None)
    findings = check_recap_content(recap_facts(unread))
    assert codes(findings) == [("MANUAL_CHECK_REQUIRED", "recapitulatif")]
    assert "à qui il appartient" in findings[0].message
    assert "épreuves facultatives" in findings[0].message


def test_a_recap_in_the_experience_slot_is_wrong_slot_and_the_piece_missing():
    recap = readable("doc.pdf", document_type="recapitulatif")
    pieces = (piece("recapitulatif", extraction=readable(document_type="recapitulatif")),
              piece("experience", "doc.pdf", extraction=recap))
    assert codes(check_piece_kinds(facts(pieces=pieces))) == [
        ("PIECE_WRONG_SLOT", "experience"), ("PIECE_MISSING", "experience")]


def test_a_wrong_piece_beside_the_right_one_is_wrong_slot_only():
    pieces = (piece("jdc", "jdc.pdf", extraction=readable("jdc.pdf", document_type="jdc")),
              piece("jdc", "cv.pdf", extraction=readable("cv.pdf", document_type="cv")),
              piece("recapitulatif", extraction=readable(document_type="recapitulatif")))
    findings = check_piece_kinds(facts(account(birth_date=date(2004, 1, 1)), pieces))
    assert codes(findings) == [("PIECE_WRONG_SLOT", "jdc")]
    assert "curriculum vitae" in findings[0].message


def test_an_identity_card_in_the_jdc_slot_is_wrong_slot():
    pieces = (piece("jdc", "cni.jpg", extraction=readable("cni.jpg", document_type="cni_td1")),)
    findings = check_piece_kinds(facts(account(birth_date=date(1980, 1, 1)), pieces))
    assert codes(findings) == [("PIECE_WRONG_SLOT", "jdc")]
    assert "pièce d'identité" in findings[0].message


def test_a_file_no_text_names_goes_to_a_person_and_any_file_fits_autre():
    pieces = (piece("experience"), piece("autre", "cv.pdf",
                                         extraction=readable("cv.pdf", document_type="cv")))
    assert codes(check_piece_kinds(facts(pieces=pieces))) == [
        ("MANUAL_CHECK_REQUIRED", "experience")]


def test_a_letter_beside_the_identity_document_is_wrong_slot_not_a_companion():
    letter = readable("travail.pdf", document_type="certificat_travail")
    pieces = (piece("identite", "travail.pdf", extraction=letter),)
    assert codes(check_piece_kinds(facts(pieces=pieces))) == [
        ("PIECE_WRONG_SLOT", "identite"), ("PIECE_MISSING", "identite")]
    assert check_identity_companions(facts(pieces=pieces)) == []
