"""The verdict rule of CONTRACT.md §3: incomplete wins over review, which wins over ok."""

from collections.abc import Iterable

from schemas.findings import Finding, Severity
from schemas.verdict import Verdict


def decide_verdict(findings: Iterable[Finding]) -> Verdict:
    """The verdict the findings' severities call for."""
    severities = {f.severity for f in findings}
    if Severity.BLOCKING in severities:
        return Verdict.INCOMPLETE
    if Severity.REVIEW in severities:
        return Verdict.REVIEW
    return Verdict.OK
