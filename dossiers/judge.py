"""Judge one dossier: facts to findings to verdict, with no I/O."""

from checks.registry import run_checks
from checks.verdict import decide_verdict
from schemas.account import Account
from schemas.dossier import DossierFacts, PieceFacts
from schemas.rules import SessionRules
from schemas.verdict import DossierVerdict


def judge_dossier(
    account: Account, pieces: tuple[PieceFacts, ...], rules: SessionRules
) -> DossierVerdict:
    """Run every check on the dossier and derive its verdict."""
    facts = DossierFacts(account=account, pieces=pieces, rules=rules)
    findings = run_checks(facts)
    return DossierVerdict(
        candidate_id=account.candidate_id,
        verdict=decide_verdict(findings),
        findings=findings,
        identity=None,
    )
