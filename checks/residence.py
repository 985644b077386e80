"""Checks on where the candidate lives and which académie manages the specialty."""

import re

from checks.formatting import french_list
from schemas.dossier import DossierFacts
from schemas.findings import Finding, FindingCode

_POSTAL_CODE = re.compile(r"\d{5}")


def department_of(postal_code: str) -> str | None:
    """The department of a French postal code; None when it is not one."""
    code = postal_code.strip().replace(" ", "")
    if not _POSTAL_CODE.fullmatch(code):
        return None
    # Overseas departments and collectivities use three digits (971-988).
    if code.startswith(("97", "98")):
        return code[:3]
    # Corsica's 20xxx codes belong to 2A (200-201) or 2B (202-206).
    if code.startswith("20"):
        return "2A" if code[2] in "01" else "2B"
    return code[:2]


def check_residence(facts: DossierFacts) -> list[Finding]:
    """RESIDENCE_OUT_OF_AREA when the home postal code is not in the académie's departments."""
    account, rules = facts.account, facts.rules
    department = department_of(account.postal_code)
    if department in rules.departments:
        return []
    area = french_list(list(rules.departments))
    if department is None:
        message = (f"Code postal « {account.postal_code} » invalide : résidence dans "
                   f"l'{rules.academy_label} non vérifiable ({area})")
    else:
        message = (f"Code postal {account.postal_code} (département {department}) hors de "
                   f"l'{rules.academy_label} ({area})")
    return [Finding.of(
        FindingCode.RESIDENCE_OUT_OF_AREA, message,
        postal_code=account.postal_code, department=department,
        departments=list(rules.departments),
    )]


def check_routing(facts: DossierFacts) -> list[Finding]:
    """ROUTED_OTHER_ACADEMY when another académie manages the specialty: not checked here."""
    account, rules = facts.account, facts.rules
    if account.managing_academy.strip().upper() == rules.academy.upper():
        return []
    return [Finding.of(
        FindingCode.ROUTED_OTHER_ACADEMY,
        f"Spécialité {account.specialty_code} gérée par l'académie "
        f"{account.managing_academy} : dossier à transmettre, non vérifié ici",
        managing_academy=account.managing_academy, specialty_code=account.specialty_code,
    )]
