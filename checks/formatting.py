"""French renderings of dates and lists shared by the checks' messages."""

from datetime import datetime
from zoneinfo import ZoneInfo


def french_datetime(moment: datetime, zone: ZoneInfo) -> str:
    """'19/11/2025 à 23:59' in the session's zone."""
    return moment.astimezone(zone).strftime("%d/%m/%Y à %H:%M")


def french_list(items: list[str] | tuple[str, ...]) -> str:
    """'44, 49, 53, 72 et 85'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
