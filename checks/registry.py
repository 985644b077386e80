"""Every check, in the order staff read their findings, and the function that runs them."""

from collections.abc import Callable

from checks.civil_status import check_civil_status
from checks.identity import check_identity_document
from checks.pieces import check_files_readable, check_required_pieces, check_unknown_slots
from checks.recap import check_recap_content, check_signature
from checks.residence import check_residence, check_routing
from checks.slots import check_identity_companions, check_piece_kinds
from checks.timing import check_confirmation, check_late_uploads
from schemas.dossier import DossierFacts
from schemas.findings import Finding, FindingCode

Check = Callable[[DossierFacts], list[Finding]]

# Order follows the staff's questions (DOMAIN.md): is it ours, is everything there, in its
# slot and on time, is the identity document valid and the account's, is the récapitulatif
# signed and current, then where the candidate lives.
CHECKS: tuple[Check, ...] = (
    check_routing,
    check_confirmation,
    check_required_pieces,
    check_files_readable,
    check_piece_kinds,
    check_identity_document,
    check_civil_status,
    check_signature,
    check_recap_content,
    check_unknown_slots,
    check_late_uploads,
    check_residence,
    check_identity_companions,
)

# A finding with one of these codes ends the dossier's checks: the rest is not ours to judge.
STOPPING_CODES = frozenset({FindingCode.ROUTED_OTHER_ACADEMY})


def run_checks(facts: DossierFacts, checks: tuple[Check, ...] = CHECKS) -> list[Finding]:
    """All findings of the checks, in order, stopping after a stopping finding."""
    findings: list[Finding] = []
    for check in checks:
        produced = check(facts)
        findings.extend(produced)
        if any(f.code in STOPPING_CODES for f in produced):
            break
    return findings
