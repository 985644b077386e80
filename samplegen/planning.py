"""Plan one synthetic dossier: who the candidate is, what they typed, what they uploaded."""

import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from samplegen.identity import Address
from samplegen.letters import RecapContent, Signing
from samplegen.people import (
    HOME_CITIES,
    Person,
    document_number_1988,
    document_number_2021,
    random_person,
)
from samplegen.pieces import IdentityDoc, PieceSpec

PARIS = ZoneInfo("Europe/Paris")
# Session 2026 (settings/sessions/nantes-2026.yaml): ages and document validity are judged
# on the deadline day.
DEADLINE = datetime(2025, 11, 19, 23, 59, 59, tzinfo=PARIS)
REFERENCE_DAY = DEADLINE.date()
SPECIALTIES = {
    "NDRC": "Négociation et digitalisation de la relation client",
    "MCO": "Management commercial opérationnel",
    "SIO": "Services informatiques aux organisations",
    "CG": "Comptabilité et gestion",
    "GPME": "Gestion de la PME",
    "SAM": "Support à l'action managériale",
}
OPTIONS = ("LV2-ESP", "LV2-ALL", "LV2-ITA", "SPORT", "ENGAGEMENT-ETUDIANT", "MATHS")
STREETS = ("12 rue des Lilas", "3 boulevard Guist'hau", "45 avenue de la Libération",
           "7 impasse du Moulin", "18 rue Jean Jaurès", "2 place du Commerce",
           "Résidence Les Iris, 5 allée des Tilleuls")


def age_on(birth: date, day: date) -> int:
    """Age in whole years on a day (the generator's own, independent of justif's checks)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_after(day: date, years: int) -> date:
    """The same calendar day some years later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class Plan:
    """Everything about one dossier, decided before any file is drawn."""

    candidate_id: str
    person: Person
    identity: IdentityDoc
    status: str
    specialty_code: str
    options: tuple[str, ...]
    handicap: bool
    home: tuple[str, str]
    account: dict[str, str] = field(default_factory=dict)
    pieces: list[PieceSpec] = field(default_factory=list)
    recap_overrides: dict[str, object] = field(default_factory=dict)
    expected: list[tuple[str, str | None]] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)

    def required_slots(self) -> list[str]:
        """The contract's table, stated again here so that labels do not borrow justif's."""
        slots = ["identite", "recapitulatif"]
        if self.person.nationality == "FRA" and age_on(self.person.birth_date,
                                                      REFERENCE_DAY) < 25:
            slots.append("jdc")
        if self.status == "ajourne":
            slots.append("releve_notes")
        if self.status in ("cned", "individuel"):
            slots.append("experience")
        if self.handicap and self.status != "ajourne":
            slots.append("amenagement")
        return slots

    def pieces_in(self, slot: str) -> list[PieceSpec]:
        """Planned uploads in one slot."""
        return [p for p in self.pieces if p.slot == slot]

    def recap_content(self) -> RecapContent:
        """What the printed récapitulatif shows: the account when printed, unless changed."""
        a = self.account
        content = RecapContent(
            candidate_id=a["candidate_id"], civility=a["civility"], birth_name=a["birth_name"],
            usage_name=a["usage_name"] or None,
            given_names=tuple(n.strip() for n in a["given_names"].split(",")),
            birth_date=date.fromisoformat(a["birth_date"]),
            specialty_code=a["specialty_code"], specialty=a["specialty"],
            options=tuple(o for o in a["options"].split(";") if o), status=a["status"],
            handicap=a["handicap"] == "1", printed_on=date(2025, 10, 20))
        return replace(content, **self.recap_overrides)  # type: ignore[arg-type]


def _identity(person: Person, kind: str, rng: random.Random) -> IdentityDoc:
    """A valid identity document of that kind for the person, on the reference day."""
    city = rng.choice(HOME_CITIES)
    address = Address(rng.choice(STREETS), city[0], city[1])
    adult_on = years_after(person.birth_date, 18)
    if kind == "cni_2021":
        issued = date(2021, 8, 2) + timedelta(days=rng.randint(0, 1500))
        issued = max(issued, years_after(person.birth_date, 12))
        number = document_number_2021(rng)
        return IdentityDoc(kind, person.with_document(number, issued, years_after(issued, 10)),
                           address)
    if kind == "cni_1988":
        department = rng.choice(("44", "49", "53", "72", "85"))
        if adult_on <= date(2010, 12, 1) and rng.random() < 0.5:
            # Issued 2004-2013 to an adult: valid 15 years although it prints 10.
            issued = date(2010, 12, 1) + timedelta(days=rng.randint(0, 1100))
            truth, printed = years_after(issued, 15), years_after(issued, 10)
        else:
            issued = date(2016, 1, 4) + timedelta(days=rng.randint(0, 1850))
            truth = printed = years_after(issued, 10)
        number = document_number_1988(rng, issued, department)
        return IdentityDoc(kind, person.with_document(number, issued, truth), address,
                           administrative_code=f"0{department}{rng.randint(1, 99):03d}",
                           printed_expiry=printed,
                           authority=f"PRÉFECTURE ({department})")
    if kind == "passport":
        issued = date(2016, 12, 1) + timedelta(days=rng.randint(0, 3000))
        issued = min(issued, date(2025, 9, 1))
        years = 10 if issued >= adult_on else 5
        expiry = years_after(issued, years)
        if expiry <= REFERENCE_DAY:
            issued, expiry = date(2023, 5, 10), years_after(date(2023, 5, 10), years)
        number = f"{rng.randint(10, 25)}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}" \
                 f"{rng.randint(10000, 99999)}"
        return IdentityDoc(kind, person.with_document(number, issued, expiry), address)
    if kind == "residence_permit":
        issued = date(2023, 1, 9) + timedelta(days=rng.randint(0, 900))
        expiry = years_after(issued, rng.choice((2, 4, 10)))
        if expiry <= REFERENCE_DAY:
            expiry = years_after(issued, 4)
        number = f"{rng.randint(10**9, 10**10 - 1)}"[:10]
        return IdentityDoc(kind, person.with_document(number[:9], issued, expiry), address)
    raise ValueError(f"unknown identity kind {kind}")


def account_row(plan: Plan, rng: random.Random) -> dict[str, str]:
    """The row the candidate's account exports: typed from the identity document."""
    p = plan.person
    confirmed = DEADLINE - timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 20))
    registered = datetime(2025, 10, 8, 9, tzinfo=PARIS) + timedelta(hours=rng.randint(1, 800))
    return {
        "candidate_id": plan.candidate_id, "session": "2026", "exam": "BTS",
        "specialty_code": plan.specialty_code, "specialty": SPECIALTIES[plan.specialty_code],
        "managing_academy": "NANTES", "civility": "MME" if p.sex == "F" else "M",
        "birth_name": p.surname.upper(), "usage_name": (p.usage_name or "").upper(),
        "given_names": ", ".join(p.given_names), "birth_date": p.birth_date.isoformat(),
        "birth_place": p.birth_place, "birth_country": p.birth_country,
        "nationality": p.nationality, "email": f"c{plan.candidate_id[-6:]}@example.org",
        "postal_code": plan.home[0], "city": plan.home[1], "status": plan.status,
        "handicap": "1" if plan.handicap else "0", "options": ";".join(plan.options),
        "pieces_confirmed_at": confirmed.isoformat(timespec="seconds"),
        "registered_at": registered.astimezone(UTC).isoformat(timespec="seconds"),
    }


_ID_CAPTURES = (("photo", 30), ("photo_both_sides", 15), ("scan_one_page", 14),
                ("scan_two_pages", 5), ("photo_rotated", 9), ("photo_exif", 9),
                ("low_res", 6), ("heic", 5), ("png", 7))
_RECAP_CAPTURES = (("digital", 30), ("scan", 35), ("photo", 25), ("photo_exif", 5),
                   ("heic", 5))
_LETTER_CAPTURES = (("digital", 60), ("photo", 25), ("scan", 15))
_EXTENSIONS = {"digital": "pdf", "scan": "pdf", "scan_one_page": "pdf", "scan_two_pages": "pdf",
               "heic": "heic", "png": "png"}


def pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    """A weighted choice."""
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights=weights)[0]


def _filename(stem: str, capture: str, rng: random.Random) -> str:
    extension = _EXTENSIONS.get(capture, "jpg")
    if extension == "jpg" and rng.random() < 0.4:
        # Phones name photos after the moment they were taken.
        taken = datetime(2025, 10, 8, 8, tzinfo=PARIS) + timedelta(minutes=rng.randint(0, 60000))
        stem = f"IMG_{taken:%Y%m%d_%H%M%S}"
    return f"{stem}.{extension}"


def letter_for(kind: str, plan: Plan) -> tuple[str, list[str], str]:
    """Title, body and issuer of an attestation naming the candidate."""
    p = plan.person
    name = f"{' '.join(p.given_names)} {p.surname.upper()}"
    born = p.birth_date.strftime("%d/%m/%Y")
    letters = {
        "jdc": ("Certificat individuel de participation à la JDC",
                [f"{name}, né(e) le {born} à {p.birth_place},",
                 "a participé à la Journée défense et citoyenneté."],
                "Ministère des Armées - Direction du service national et de la jeunesse"),
        "releve": ("Relevé de notes - session 2025",
                   [f"Candidat : {name} - BTS {plan.specialty_code}",
                    "Moyenne générale : 8,75 / 20 - Décision : ajourné(e)"],
                   "Rectorat de l'académie de Nantes - DEC"),
        "scolarite": ("Certificat de scolarité",
                      [f"Le CNED certifie que {name}, né(e) le {born},",
                       f"est inscrit(e) en formation BTS {plan.specialty_code} en 2025-2026."],
                      "CNED - Centre national d'enseignement à distance"),
        "travail": ("Certificat de travail",
                    [f"Nous certifions que {name} est employé(e) dans notre entreprise",
                     "depuis le 1er septembre 2022 en qualité d'assistant(e)."],
                    "SARL Atlantique Services - 44000 Nantes"),
        "amenagement": ("Décision d'aménagement des conditions d'examen",
                        [f"Candidat : {name}", "Temps majoré d'un tiers pour les épreuves "
                         "écrites."], "Rectorat de l'académie de Nantes"),
        "cv": ("Curriculum vitae", [name, "Expérience : vente, accueil, relation client."],
               ""),
    }
    return letters[kind]


_SLOT_LETTER = {"jdc": "jdc", "releve_notes": "releve", "amenagement": "amenagement"}
_LETTER_STEMS = {"jdc": "certificat_jdc", "releve": "releve_de_notes_2025",
                 "scolarite": "certificat de scolarité", "travail": "certificat_travail",
                 "amenagement": "decision_amenagement", "cv": "CV"}


def letter_piece(slot: str, kind: str, plan: Plan, rng: random.Random) -> PieceSpec:
    """An attestation upload in a slot."""
    capture = pick(rng, _LETTER_CAPTURES)
    return PieceSpec(slot=slot, kind=kind, capture=capture,
                     filename=_filename(_LETTER_STEMS[kind], capture, rng),
                     letter=letter_for(kind, plan))


def base_plan(candidate_id: str, rng: random.Random, *, kind: str | None = None,
              person: Person | None = None) -> Plan:
    """A complete, valid dossier: every required piece present and readable."""
    status = rng.choices(("cned", "individuel", "ajourne"), weights=(40, 35, 25))[0]
    young = rng.random() < 0.45
    age = rng.randint(18, 24) if young else rng.randint(25, 48)
    born = REFERENCE_DAY - timedelta(days=365 * age + rng.randint(0, 360))
    foreign = kind == "residence_permit" or (kind is None and rng.random() < 0.1)
    if person is None:
        person = random_person(rng, birth_date=born, nationality="SEN" if foreign else "FRA",
                               long_name=rng.random() < 0.06,
                               married=rng.random() < 0.15 and age > 24)
    if kind is None:
        kind = "residence_permit" if person.nationality != "FRA" else pick(
            rng, (("cni_2021", 45), ("cni_1988", 30), ("passport", 25)))
    plan = Plan(candidate_id=candidate_id, person=person, identity=_identity(person, kind, rng),
                status=status, specialty_code=rng.choice(tuple(SPECIALTIES)),
                options=tuple(sorted(rng.sample(OPTIONS, rng.choice((0, 0, 1, 2))))),
                handicap=rng.random() < 0.08, home=rng.choice(HOME_CITIES))
    plan.person = plan.identity.person
    plan.account = account_row(plan, rng)
    id_capture = pick(rng, _ID_CAPTURES)
    plan.pieces.append(PieceSpec(slot="identite", kind="identity", capture=id_capture,
                                 filename=_filename(rng.choice(("CNI", "piece_identite",
                                                                "carte identité", "scan")),
                                                    id_capture, rng),
                                 identity=plan.identity))
    recap_capture = pick(rng, _RECAP_CAPTURES)
    plan.pieces.append(PieceSpec(slot="recapitulatif", kind="recap", capture=recap_capture,
                                 filename=_filename(rng.choice(("recapitulatif_signe",
                                                                "Récapitulatif inscription",
                                                                "recap")), recap_capture, rng),
                                 signing=Signing.OVERFLOW if rng.random() < 0.25
                                 else Signing.IN_BOX))
    for slot in plan.required_slots()[2:]:
        kind_of = _SLOT_LETTER.get(slot) or ("scolarite" if plan.status == "cned"
                                              else "travail")
        plan.pieces.append(letter_piece(slot, kind_of, plan, rng))
    if rng.random() < 0.08:
        plan.pieces.append(letter_piece("autre", "cv", plan, rng))
    return plan
