"""Generate a corpus of dossiers in the contract's layout, with their labels (ground truth).

Every dossier is planned first (who, what was typed, what was uploaded, what went wrong), then
drawn. The labels come from the plan, never from a justif run, so that comparing the two
measures justif.
"""

import csv
import json
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from samplegen.discrepancies import CATALOG, Discrepancy, prepare_person_for
from samplegen.mrz_compose import fra_1988_lines, td1_lines, td3_lines
from samplegen.pieces import IdentityDoc, render_piece
from samplegen.planning import DEADLINE, REFERENCE_DAY, Plan, base_plan
from schemas.findings import SEVERITY_OF, FindingCode, Severity

ACCOUNT_COLUMNS = (
    "candidate_id", "session", "exam", "specialty_code", "specialty", "managing_academy",
    "civility", "birth_name", "usage_name", "given_names", "birth_date", "birth_place",
    "birth_country", "nationality", "email", "postal_code", "city", "status", "handicap",
    "options", "pieces_confirmed_at", "registered_at",
)
GENERATOR_VERSION = "1"


@dataclass(frozen=True)
class DrawnDossier:
    """One dossier ready to write: its account row, files, upload times and label."""

    account: dict[str, str]
    files: list[tuple[str, bytes]]
    uploads: list[tuple[str, str]]
    label: dict[str, object]


def candidate_id(seed: int, index: int) -> str:
    """Eleven digits, unique within a corpus: 026, three seed digits, five of index."""
    return f"026{seed % 1000:03d}{index:05d}"


def _choose(index: int, rng: random.Random) -> list[Discrepancy]:
    # The first dossiers walk the catalog in order (every problem appears in a small corpus),
    # every other one clean; afterwards half are clean and one in five of the rest has two.
    if index < 2 * len(CATALOG):
        return [] if index % 2 == 0 else [CATALOG[index // 2]]
    if rng.random() < 0.5:
        return []
    weights = [d.weight for d in CATALOG]
    first = rng.choices(CATALOG, weights=weights)[0]
    if first.group == "routed" or rng.random() >= 0.2:
        return [first]
    others = [d for d in CATALOG if d.group not in (first.group, "routed")]
    return [first, rng.choices(others, weights=[d.weight for d in others])[0]]


def identity_truth(identity: IdentityDoc) -> dict[str, object]:
    """What the identity document says, MRZ and printed zone, as the labels record it."""
    p = identity.person
    mrz = {"cni_2021": lambda: td1_lines(p, "ID"), "residence_permit": lambda: td1_lines(p, "IR"),
           "passport": lambda: td3_lines(p),
           "cni_1988": lambda: fra_1988_lines(p, identity.administrative_code)}.get(
        identity.kind)
    return {
        "kind": identity.kind,
        "mrz": mrz() if mrz else None,
        "printed": {
            "surname": p.surname, "usage_name": p.usage_name, "given_names": list(p.given_names),
            "birth_date": p.birth_date.isoformat(), "birth_place": p.birth_place, "sex": p.sex,
            "nationality": p.nationality, "document_number": p.document_number,
            "issue_date": p.issue_date.isoformat(),
            "expiry_date": (identity.printed_expiry or p.expiry_date).isoformat(),
        },
        # The 1988-2021 card issued 2004-2013 to an adult is valid 15 years, not the 10 printed.
        "valid_until": p.expiry_date.isoformat(),
    }


def _verdict(expected: list[tuple[str, str | None]]) -> str:
    severities = {SEVERITY_OF[FindingCode(code)] for code, _ in expected}
    if Severity.BLOCKING in severities:
        return "incomplete"
    return "review" if Severity.REVIEW in severities else "ok"


def draw_dossier(seed: int, index: int) -> DrawnDossier:
    """Plan and draw dossier number `index` of the corpus made with `seed`."""
    rng = random.Random(f"{seed}:{index}")
    cid = candidate_id(seed, index)
    chosen = _choose(index, rng)
    kind = "passport" if any(d.name == "expired_document" for d in chosen) and \
        rng.random() < 0.5 else ("cni_1988" if any(d.name == "expired_document"
                                                   for d in chosen) else None)
    plan: Plan = base_plan(cid, rng, kind=kind)
    for discrepancy in chosen:
        prepare_person_for(discrepancy.name, plan, rng)
    # A problem whose piece another problem removed (the identity photo of a dossier planned
    # without identity piece) is not planted, and so not labelled.
    # Removing or breaking a piece comes last, on a slot no other problem needs.
    chosen = [d for d in sorted(chosen, key=lambda d: d.group == "pieces")
              if d.plant(plan, rng)]
    if not chosen:
        plan.exercises.append("dossier conforme")
    files, uploads, pieces = [], [], []
    confirmed = plan.account["pieces_confirmed_at"]
    for piece in plan.pieces:
        if piece.kind == "recap":
            piece.recap = plan.recap_content()
        rendered = render_piece(piece, rng)
        if piece.late:
            # LATE_UPLOAD is per file: an identity card shot on both sides is two late files.
            plan.expected.extend([("LATE_UPLOAD", piece.slot)] * (len(rendered) - 1))
        for filename, data in rendered:
            key = f"pieces/{cid}/{piece.slot}/{filename}"
            files.append((key, data))
            when = (DEADLINE + timedelta(days=rng.randint(1, 5), hours=rng.randint(1, 9))
                    if piece.late else DEADLINE - timedelta(days=rng.randint(2, 35),
                                                            hours=rng.randint(0, 23)))
            if confirmed and not piece.late:
                # Files precede the click on "J'ai fourni toutes mes pièces".
                when = min(when, datetime.fromisoformat(confirmed) - timedelta(minutes=5))
            uploads.append((key, when.isoformat(timespec="seconds")))
            pieces.append({"path": key, "slot": piece.slot, "kind": piece.kind,
                           "capture": piece.capture, "broken": piece.broken,
                           "signing": piece.signing.value if piece.kind == "recap" else None})
    identity_piece = next((p for p in plan.pieces if p.kind == "identity"), None)
    label = {
        "verdict": _verdict(plan.expected),
        "findings": [{"code": code, "slot": slot} for code, slot in plan.expected],
        "exercises": plan.exercises,
        "planted": [d.name for d in chosen],
        "identity": identity_truth(plan.identity) if identity_piece else None,
        "pieces": pieces,
    }
    return DrawnDossier(plan.account, files, uploads, label)


def _draw(args: tuple[int, int]) -> DrawnDossier:
    return draw_dossier(*args)


def generate(out: Path, n: int, seed: int, workers: int = 1,
             on_dossier: Callable[[int], None] | None = None) -> dict[str, object]:
    """Write accounts.csv, uploads.csv, pieces/ and labels.json (beside the dossiers)."""
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, object] = {}
    accounts, uploads = [], []
    jobs = [(seed, index) for index in range(n)]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            drawn = pool.map(_draw, jobs, chunksize=4)
            results = _collect(drawn, out, labels, accounts, uploads, on_dossier)
    else:
        results = _collect(map(_draw, jobs), out, labels, accounts, uploads, on_dossier)
    del results
    with (out / "accounts.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=ACCOUNT_COLUMNS)
        writer.writeheader()
        writer.writerows(accounts)
    with (out / "uploads.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("path", "uploaded_at"))
        writer.writerows(uploads)
    document = {
        "generator": {"version": GENERATOR_VERSION, "seed": seed, "n": n},
        "reference_day": REFERENCE_DAY.isoformat(),
        "dossiers": labels,
    }
    (out.parent / "labels.json").write_text(
        json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return document


def _collect(drawn: object, out: Path, labels: dict[str, object], accounts: list,
             uploads: list, on_dossier: Callable[[int], None] | None) -> int:
    count = 0
    for dossier in drawn:  # type: ignore[attr-defined]
        cid = dossier.account["candidate_id"]
        for key, data in dossier.files:
            path = out / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        accounts.append(dossier.account)
        uploads.extend(dossier.uploads)
        labels[cid] = dossier.label
        count += 1
        if on_dossier is not None:
            on_dossier(count)
    return count
