"""What candidates get wrong, each planted into a plan with the findings it must produce."""

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from checks.names.transliteration import letter_forms
from samplegen.letters import Signing
from samplegen.people import FEMALE_NAMES, MALE_NAMES, OUTSIDE_CITIES, SURNAMES, random_person
from samplegen.pieces import IdentityDoc, printed_zone_uploaded
from samplegen.planning import (
    OPTIONS,
    REFERENCE_DAY,
    SPECIALTIES,
    Plan,
    account_row,
    letter_piece,
    years_after,
)

# Letters a hurried typist hits instead (neighbours on an AZERTY keyboard, doubled letters).
_NEIGHBOURS = {"a": "z", "e": "r", "i": "u", "o": "p", "u": "y", "n": "b", "r": "t",
               "t": "r", "l": "m", "m": "l", "s": "d", "d": "s", "c": "x", "g": "h"}


def typo(word: str, rng: random.Random) -> str:
    """One letter of the word changed, doubled or dropped, never only an accent."""
    positions = [i for i, c in enumerate(word) if c.lower() in _NEIGHBOURS]
    i = rng.choice(positions)
    kind = rng.random()
    if kind < 0.5:
        swapped = _NEIGHBOURS[word[i].lower()]
        return word[:i] + (swapped.upper() if word[i].isupper() else swapped) + word[i + 1:]
    if kind < 0.75 and len(word) > 4:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def plain(text: str) -> str:
    """The text without accents (what a candidate who skips them types): Đức → Duc, Œ → Oe."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if not base and char.isalpha():
            form = letter_forms(char)[0]  # letters that do not decompose: Đ, Ø, Œ, ß
            base = form.capitalize() if char.isupper() else form.lower()
        out.append(base)
    return "".join(out)


def _has_accent(text: str) -> bool:
    return plain(text) != text


def _expect(plan: Plan, code: str, slot: str | None, what: str) -> None:
    plan.expected.append((code, slot))
    plan.exercises.append(what)


def surname_typo(plan: Plan, rng: random.Random) -> bool:
    """A letter wrong in the typed surname."""
    plan.account["birth_name"] = typo(plan.account["birth_name"], rng)
    _expect(plan, "SURNAME_MISMATCH", "identite", "faute de frappe dans le nom")
    return True


def given_name_typo(plan: Plan, rng: random.Random) -> bool:
    """A letter wrong in the first given name."""
    names = [n.strip() for n in plan.account["given_names"].split(",")]
    names[0] = typo(names[0], rng)
    plan.account["given_names"] = ", ".join(names)
    _expect(plan, "GIVEN_NAMES_MISMATCH", "identite", "faute de frappe dans le prénom")
    return True


def dropped_accents(plan: Plan, rng: random.Random) -> bool:
    """Accents left out of the names (the document has them)."""
    account = plan.account
    if not (_has_accent(account["birth_name"]) or _has_accent(account["given_names"])):
        return False
    account["birth_name"] = plain(account["birth_name"])
    account["given_names"] = plain(account["given_names"])
    _show_names(plan)
    _expect(plan, "NAME_VARIANT", "identite", "accents omis dans le compte")
    return True


def _show_names(plan: Plan) -> None:
    """Upload the side with the names: accents and hyphens are printed nowhere else."""
    for piece in plan.pieces_in("identite"):
        if piece.kind == "identity" and piece.identity is not None and not \
                printed_zone_uploaded(piece.identity.kind, {piece.capture}):
            piece.capture = "photo_both_sides"


def hyphen_as_space(plan: Plan, rng: random.Random) -> bool:
    """A hyphenated name typed with a space."""
    account = plan.account
    if "-" not in account["birth_name"] + account["given_names"]:
        return False
    account["birth_name"] = account["birth_name"].replace("-", " ")
    account["given_names"] = account["given_names"].replace("-", " ")
    _show_names(plan)
    _expect(plan, "NAME_VARIANT", "identite", "trait d'union saisi comme une espace")
    return True


def usage_name_as_birth_name(plan: Plan, rng: random.Random) -> bool:
    """The married name typed as the birth name."""
    account = plan.account
    if not account["usage_name"]:
        return False
    account["birth_name"], account["usage_name"] = account["usage_name"], ""
    _expect(plan, "SURNAME_MISMATCH", "identite", "nom d'usage saisi comme nom de naissance")
    return True


def first_given_name_only(plan: Plan, rng: random.Random) -> bool:
    """Only the first of several given names typed."""
    names = [n.strip() for n in plan.account["given_names"].split(",")]
    if len(names) < 2:
        return False
    plan.account["given_names"] = names[0]
    _expect(plan, "GIVEN_NAMES_MISMATCH", "identite", "seul le premier prénom saisi")
    return True


def wrong_birth_date(plan: Plan, rng: random.Random) -> bool:
    """A birth date typed wrong by a few days or a year."""
    born = date.fromisoformat(plan.account["birth_date"])
    shift = rng.choice((1, -1, 2, 10, 365, -365))
    plan.account["birth_date"] = (born + timedelta(days=shift)).isoformat()
    _expect(plan, "BIRTHDATE_MISMATCH", "identite", "date de naissance erronée")
    return True


def day_month_swap(plan: Plan, rng: random.Random) -> bool:
    """Day and month of the birth date swapped."""
    born = date.fromisoformat(plan.account["birth_date"])
    if born.day > 12 or born.day == born.month:
        return False
    plan.account["birth_date"] = born.replace(month=born.day, day=born.month).isoformat()
    _expect(plan, "BIRTHDATE_MISMATCH", "identite", "jour et mois de naissance inversés")
    return True


def expired_document(plan: Plan, rng: random.Random) -> bool:
    """An identity document no longer valid on the reference day."""
    identity = plan.identity
    person = identity.person
    if identity.kind == "passport":
        issued = REFERENCE_DAY - timedelta(days=365 * 10 + rng.randint(30, 900))
        expired = replace(identity, person=person.with_document(
            person.document_number, issued, years_after(issued, 10)))
    elif identity.kind == "cni_1988":
        # Issued before 2004, or to a minor: ten years only.
        issued = date(2001, 3, 5) + timedelta(days=rng.randint(0, 900))
        end = years_after(issued, 10)
        # The card number starts with its issue year and month (YYMM): the MRZ must say 2001.
        number = f"{issued:%y%m}{person.document_number[4:]}"
        expired = replace(identity, printed_expiry=end,
                          person=person.with_document(number, issued, end))
    else:
        return False
    _set_identity(plan, expired)
    _expect(plan, "ID_EXPIRED", "identite", f"{identity.kind} périmé(e)")
    return True


def _set_identity(plan: Plan, identity: IdentityDoc) -> None:
    plan.identity = identity
    for piece in plan.pieces_in("identite"):
        if piece.kind == "identity":
            piece.identity = identity


def recap_other_candidate(plan: Plan, rng: random.Random) -> bool:
    """The récapitulatif of someone else (a sibling, a friend who shared the computer)."""
    other = random_person(rng, birth_date=plan.person.birth_date - timedelta(days=700))
    plan.recap_overrides.update(
        candidate_id=f"026{rng.randint(10**7, 10**8 - 1)}", birth_name=other.surname.upper(),
        given_names=other.given_names, birth_date=other.birth_date, usage_name=None)
    _expect(plan, "RECAP_CANDIDATE_MISMATCH", "recapitulatif",
            "récapitulatif d'un autre candidat")
    return True


def recap_outdated(plan: Plan, rng: random.Random) -> bool:
    """A récapitulatif printed before the candidate changed their choices."""
    if rng.random() < 0.5:
        current = set(plan.account["options"].split(";")) - {""}
        older = tuple(sorted(set(rng.sample(OPTIONS, 2)) ^ current))
        plan.recap_overrides["options"] = older
        what = "options modifiées après impression"
    else:
        code = rng.choice([c for c in SPECIALTIES if c != plan.account["specialty_code"]])
        plan.recap_overrides.update(specialty_code=code, specialty=SPECIALTIES[code])
        what = "spécialité modifiée après impression"
    _expect(plan, "RECAP_OUTDATED", "recapitulatif", what)
    return True


def recap_unsigned(plan: Plan, rng: random.Random) -> bool:
    """The récapitulatif not signed: the untouched PDF, a print not signed, a typed name."""
    if not plan.pieces_in("recapitulatif"):
        return False  # the piece was planned missing
    recap = plan.pieces_in("recapitulatif")[0]
    recap.signing = rng.choice((Signing.NONE, Signing.NONE, Signing.TYPED_NAME))
    if recap.signing is Signing.NONE and rng.random() < 0.6:
        recap.capture = "digital"
    _expect(plan, "SIGNATURE_MISSING", "recapitulatif",
            f"récapitulatif non signé ({recap.signing.value}, {recap.capture})")
    return True


def _free_slots(plan: Plan) -> list[str]:
    """Required slots no other planted problem needs (a typo needs the identity piece)."""
    busy = {slot for _, slot in plan.expected}
    return [s for s in plan.required_slots() if s not in busy] or plan.required_slots()


def piece_missing(plan: Plan, rng: random.Random, slot: str | None = None) -> bool:
    """A required piece never uploaded."""
    slot = slot or rng.choice(_free_slots(plan))
    plan.pieces = [p for p in plan.pieces if p.slot != slot]
    _expect(plan, "PIECE_MISSING", slot, f"pièce manquante ({slot})")
    return True


def file_unreadable(plan: Plan, rng: random.Random, slot: str | None = None) -> bool:
    """A file that cannot be opened: cut short, empty, password-protected, or not a document."""
    slot = slot or rng.choice(_free_slots(plan))
    piece = plan.pieces_in(slot)[0]
    pdf = piece.capture in ("digital",) and piece.kind != "identity"
    piece.broken = rng.choice(("truncated", "empty", "not_a_document")
                              + (("encrypted",) if pdf else ()))
    if piece.broken == "not_a_document":
        piece.filename = piece.filename.rsplit(".", 1)[0] + ".pdf"
    if piece.kind == "identity" and piece.capture == "photo_both_sides":
        piece.capture = "photo"  # one file, so that the damaged file is the only one
    _expect(plan, "FILE_UNREADABLE", slot, f"fichier illisible ({slot}, {piece.broken})")
    return True


def not_confirmed(plan: Plan, rng: random.Random) -> bool:
    """"J'ai fourni toutes mes pièces" never clicked."""
    plan.account["pieces_confirmed_at"] = ""
    _expect(plan, "PIECES_NOT_CONFIRMED", None, "dépôt jamais confirmé")
    return True


def out_of_area(plan: Plan, rng: random.Random) -> bool:
    """A home address outside the académie's departments."""
    plan.account["postal_code"], plan.account["city"] = rng.choice(OUTSIDE_CITIES)
    _expect(plan, "RESIDENCE_OUT_OF_AREA", None, "domicile hors académie")
    return True


def wrong_slot_extra(plan: Plan, rng: random.Random) -> bool:
    """Another piece put in the identity slot beside the identity document."""
    misplaced = letter_piece("identite", rng.choice(("scolarite", "travail", "cv")), plan, rng)
    plan.pieces.append(misplaced)
    _expect(plan, "PIECE_WRONG_SLOT", "identite", "autre pièce déposée avec la pièce d'identité")
    return True


def wrong_slot_instead(plan: Plan, rng: random.Random) -> bool:
    """A required slot holding only the wrong piece (the récapitulatif a second time)."""
    slots = [s for s in plan.required_slots() if s not in ("identite", "recapitulatif")]
    if not slots:
        return False
    slot = rng.choice(slots)
    plan.pieces = [p for p in plan.pieces if p.slot != slot]
    if not plan.pieces_in("recapitulatif"):
        return False  # the piece was planned missing
    recap = plan.pieces_in("recapitulatif")[0]
    plan.pieces.append(replace(recap, slot=slot, filename=f"doc_{slot}.pdf", capture="digital",
                               late=False))
    plan.expected.append(("PIECE_MISSING", slot))
    _expect(plan, "PIECE_WRONG_SLOT", slot, f"récapitulatif déposé à la place de « {slot} »")
    return True


def identity_not_accepted(plan: Plan, rng: random.Random) -> bool:
    """A driving licence instead of an identity card or passport."""
    licence = replace(plan.identity, kind="driving_licence")
    _set_identity(plan, licence)
    if not plan.pieces_in("identite"):
        return False  # the piece was planned missing
    piece = plan.pieces_in("identite")[0]
    if piece.capture in ("photo_both_sides", "scan_two_pages"):
        piece.capture = "photo"
    _expect(plan, "ID_TYPE_NOT_ACCEPTED", "identite", "permis de conduire au lieu d'une pièce "
            "d'identité")
    return True


def quality_low(plan: Plan, rng: random.Random) -> bool:
    """An identity photo too dark and blurred to read."""
    if not plan.pieces_in("identite"):
        return False  # the piece was planned missing
    piece = plan.pieces_in("identite")[0]
    piece.capture = "photo_blurred_dark"
    piece.filename = piece.filename.rsplit(".", 1)[0] + ".jpg"
    _expect(plan, "IMAGE_QUALITY_LOW", "identite", "photo de la pièce d'identité floue et sombre")
    return True


def late_upload(plan: Plan, rng: random.Random) -> bool:
    """A piece uploaded after the deadline."""
    piece = rng.choice(plan.pieces)
    piece.late = True
    _expect(plan, "LATE_UPLOAD", piece.slot, f"pièce déposée après la date limite ({piece.slot})")
    return True


def routed(plan: Plan, rng: random.Random) -> bool:
    """A specialty another académie manages: forwarded, nothing else is judged here."""
    plan.account["managing_academy"] = rng.choice(("RENNES", "CAEN", "POITIERS"))
    _expect(plan, "ROUTED_OTHER_ACADEMY", None, "spécialité gérée par une autre académie")
    return True


@dataclass(frozen=True)
class Discrepancy:
    """A planted problem, how often it is chosen, and what it must not be combined with."""

    name: str
    plant: Callable[[Plan, random.Random], bool]
    weight: int
    # Problems of one group would hide each other (a mistyped name on an unreadable ID).
    group: str


CATALOG: tuple[Discrepancy, ...] = (
    Discrepancy("surname_typo", surname_typo, 6, "identity"),
    Discrepancy("given_name_typo", given_name_typo, 5, "identity"),
    Discrepancy("dropped_accents", dropped_accents, 5, "identity"),
    Discrepancy("hyphen_as_space", hyphen_as_space, 3, "identity"),
    Discrepancy("usage_name_as_birth_name", usage_name_as_birth_name, 3, "identity"),
    Discrepancy("first_given_name_only", first_given_name_only, 4, "identity"),
    Discrepancy("wrong_birth_date", wrong_birth_date, 3, "identity"),
    Discrepancy("day_month_swap", day_month_swap, 3, "identity"),
    Discrepancy("expired_document", expired_document, 4, "identity"),
    Discrepancy("identity_not_accepted", identity_not_accepted, 2, "identity"),
    Discrepancy("quality_low", quality_low, 2, "identity"),
    Discrepancy("recap_other_candidate", recap_other_candidate, 3, "recap"),
    Discrepancy("recap_outdated", recap_outdated, 4, "recap"),
    Discrepancy("recap_unsigned", recap_unsigned, 6, "recap"),
    Discrepancy("piece_missing", piece_missing, 5, "pieces"),
    Discrepancy("file_unreadable", file_unreadable, 4, "pieces"),
    Discrepancy("wrong_slot_extra", wrong_slot_extra, 2, "identity"),
    Discrepancy("wrong_slot_instead", wrong_slot_instead, 2, "pieces"),
    Discrepancy("not_confirmed", not_confirmed, 3, "account"),
    Discrepancy("out_of_area", out_of_area, 3, "account"),
    Discrepancy("late_upload", late_upload, 2, "timing"),
    Discrepancy("routed", routed, 1, "routed"),
)


def prepare_person_for(name: str, plan: Plan, rng: random.Random) -> None:
    """Give the candidate the trait a problem needs, before any document exists.

    An accent, a hyphen, two given names, a married name, a birth day under 13.
    """
    person = plan.person
    if name == "dropped_accents":
        accented = [n for n in (FEMALE_NAMES if person.sex == "F" else MALE_NAMES)
                    if _has_accent(n)]
        person = replace(person, given_names=(rng.choice(accented), *person.given_names[1:]))
    elif name == "hyphen_as_space":
        hyphenated = [n for n in (FEMALE_NAMES if person.sex == "F" else MALE_NAMES) if "-" in n]
        person = replace(person, given_names=(rng.choice(hyphenated), *person.given_names[1:]))
    elif name == "first_given_name_only" and len(person.given_names) < 2:
        pool = FEMALE_NAMES if person.sex == "F" else MALE_NAMES
        person = replace(person, given_names=(*person.given_names,
                                              rng.choice([n for n in pool
                                                          if n not in person.given_names])))
    elif name == "usage_name_as_birth_name" and not person.usage_name:
        usage = rng.choice(SURNAMES)
        while usage.upper() == person.surname.upper():  # a married name of her own name
            usage = rng.choice(SURNAMES)
        person = replace(person, sex="F", usage_name=usage,
                         given_names=(rng.choice(FEMALE_NAMES),))
    elif name == "day_month_swap":
        born = person.birth_date
        if born.day > 12 or born.day == born.month:
            person = replace(person, birth_date=born.replace(day=rng.choice(
                [d for d in range(1, 13) if d != born.month])))
    else:
        return
    plan.person = person
    _set_identity(plan, replace(plan.identity, person=replace(
        person, document_number=plan.identity.person.document_number,
        issue_date=plan.identity.person.issue_date, expiry_date=plan.identity.person.expiry_date)))
    confirmed = plan.account["pieces_confirmed_at"]
    registered = plan.account["registered_at"]
    plan.account = account_row(plan, rng)
    plan.account["pieces_confirmed_at"], plan.account["registered_at"] = confirmed, registered
    for piece in plan.pieces:
        if piece.letter is not None:
            # Letters name the candidate: redraw them with the new name.
            fresh = letter_piece(piece.slot, piece.kind, plan, rng)
            piece.letter = fresh.letter
