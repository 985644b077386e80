"""Parse accounts.csv (CONTRACT.md §1) into accounts, naming the line and column of any fault."""

import csv
import hashlib
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from schemas.account import Account, CandidateStatus
from schemas.errors import AccountsFileError

REQUIRED_COLUMNS = (
    "candidate_id", "session", "exam", "specialty_code", "specialty", "managing_academy",
    "civility", "birth_name", "usage_name", "given_names", "birth_date", "birth_place",
    "birth_country", "nationality", "email", "postal_code", "city", "status", "handicap",
    "options", "pieces_confirmed_at", "registered_at",
)
_MANDATORY_VALUES = ("candidate_id", "birth_name", "given_names", "birth_date", "status")
_EXPECTED = {
    "given_names": "au moins un prénom, séparés par des virgules",
    "birth_date": "date AAAA-MM-JJ attendue",
    "status": "cned, ajourne ou individuel attendu",
    "handicap": "0 ou 1 attendu",
    "pieces_confirmed_at": "date et heure ISO 8601 attendues (2025-11-18T21:04:00+01:00)",
    "registered_at": "date et heure ISO 8601 attendues (2025-10-09T10:00:00+02:00)",
}


def parse_accounts(data: bytes, zone: ZoneInfo) -> list[Account]:
    """All accounts in file order; naive timestamps are read in the session's zone."""
    try:
        # utf-8-sig: spreadsheet exports often start with a byte-order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AccountsFileError("encodage invalide, UTF-8 attendu", line=line) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if not header:
        raise AccountsFileError("fichier vide, une ligne d'en-tête est attendue")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        hint = " (séparateur « ; » détecté, la virgule est attendue)" if ";" in header[0] else ""
        raise AccountsFileError(f"colonnes absentes de l'en-tête : {', '.join(missing)}{hint}",
                                line=1)
    accounts: list[Account] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise AccountsFileError("plus de valeurs que de colonnes", line=line)
        if all(not (v or "").strip() for v in row.values()):
            continue
        account = _parse_row(row, line, zone)
        if account.candidate_id in seen:
            raise AccountsFileError(
                f"numéro de candidat en double (déjà ligne {seen[account.candidate_id]})",
                line=line, column="candidate_id")
        seen[account.candidate_id] = line
        accounts.append(account)
    return accounts


def _parse_row(row: dict[str, str | None], line: int, zone: ZoneInfo) -> Account:
    values = {k: (v or "").strip() for k, v in row.items()}
    for column in _MANDATORY_VALUES:
        if not values[column]:
            raise AccountsFileError("valeur obligatoire absente", line=line, column=column)

    def field(column: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(values[column])
        except ValueError:
            # The message names the expected form, never the value: it reaches logs, and
            # the value may be a birth date.
            raise AccountsFileError(f"valeur invalide, {_EXPECTED[column]}",
                                    line=line, column=column) from None

    extra = tuple(sorted((k, v) for k, v in values.items() if k not in REQUIRED_COLUMNS))
    return Account(
        candidate_id=values["candidate_id"],
        session=values["session"],
        exam=values["exam"],
        specialty_code=values["specialty_code"],
        specialty=values["specialty"],
        managing_academy=values["managing_academy"],
        civility=values["civility"],
        birth_name=values["birth_name"],
        usage_name=values["usage_name"] or None,
        given_names=field("given_names", _given_names),
        birth_date=field("birth_date", date.fromisoformat),
        birth_place=values["birth_place"],
        birth_country=values["birth_country"],
        nationality=values["nationality"].upper(),
        email=values["email"],
        postal_code=values["postal_code"],
        city=values["city"],
        status=field("status", lambda v: CandidateStatus(v.lower())),
        handicap=field("handicap", _flag),
        options=tuple(o.strip() for o in values["options"].split(";") if o.strip()),
        pieces_confirmed_at=field("pieces_confirmed_at", lambda v: _moment(v, zone)),
        registered_at=field("registered_at", lambda v: _moment(v, zone)),
        extra=extra,
        source_line=line,
        row_digest=hashlib.sha256(
            json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest(),
    )


def _given_names(value: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    if not names:
        raise ValueError("au moins un prénom")
    return names


def _flag(value: str) -> bool:
    lowered = value.lower()
    if lowered in ("1", "oui", "true"):
        return True
    if lowered in ("0", "non", "false", ""):
        return False
    raise ValueError("0 ou 1 attendu")


def _moment(value: str, zone: ZoneInfo) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
