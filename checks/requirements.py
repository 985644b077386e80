"""Which slots a candidate must fill, from the session's rules and the account."""

from datetime import date

from schemas.account import Account
from schemas.rules import RequirementRule, SessionRules
from schemas.slots import Slot


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on a given day."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def rule_applies(rule: RequirementRule, account: Account, deadline_day: date) -> bool:
    """True when every condition of the rule holds for this account."""
    if rule.nationality_in is not None and account.nationality not in rule.nationality_in:
        return False
    if rule.status_in is not None and account.status not in rule.status_in:
        return False
    if rule.status_not_in is not None and account.status in rule.status_not_in:
        return False
    if rule.handicap is not None and account.handicap != rule.handicap:
        return False
    return not (
        rule.younger_than is not None
        and age_on(account.birth_date, deadline_day) >= rule.younger_than
    )


def required_slots(account: Account, rules: SessionRules) -> list[tuple[Slot, RequirementRule]]:
    """The slots this candidate must fill, in the configuration's order, with their rule."""
    return [
        (slot, rule)
        for slot, rule in rules.required_pieces.items()
        if rule_applies(rule, account, rules.deadline_date)
    ]
