"""Synthetic candidates: civil status as the identity document prints it (no real person)."""

import random
from dataclasses import dataclass, field, replace
from datetime import date

SURNAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Le Goff", "Le Gall", "Guérin", "Chevalier",
    "Nguyen", "Hervé", "Lemaître", "Brochard", "Caillaud", "Rousseau", "Blanchard",
    "Gauthier", "Perrin", "Morin", "Clément", "Fontaine", "Barbier", "Denis", "Jolivet",
    "Saint-Martin", "Le Bihan", "D'Almeida", "De la Fontaine", "Bouvier-Lenoir", "Ménard",
    "Pasquier", "Thébault", "Landreau", "Hamon", "Cosson", "Benali", "Diallo", "Traoré",
    "Kowalski", "Rodrigues", "Da Silva", "Ferreira",
)
LONG_SURNAMES = ("Montmorency-Laval de la Tour", "Saint-Jean-de-Monts Beauregard",
                 "Kerguelen de Trémarec-Lannion")
FEMALE_NAMES = (
    "Marie", "Léa", "Emma", "Chloé", "Manon", "Camille", "Inès", "Sarah", "Jade", "Louise",
    "Zoé", "Anaïs", "Océane", "Élodie", "Mélanie", "Aurélie", "Hélène", "Noémie", "Agathe",
    "Maëlys", "Gaëlle", "Clémence", "Anne-Sophie", "Marie-Hélène", "Fatou", "Yasmine", "Thi",
)
MALE_NAMES = (
    "Lucas", "Hugo", "Louis", "Jules", "Gabriel", "Arthur", "Nathan", "Théo", "Raphaël",
    "Maxime", "Antoine", "Quentin", "Clément", "Jérôme", "Loïc", "Gaël", "Benoît", "Noël",
    "Jean-Baptiste", "Pierre-Yves", "Mathéo", "Karim", "Mamadou", "Duc", "Yann", "Erwan",
)
BIRTH_PLACES = (
    ("Nantes", "44"), ("Angers", "49"), ("Laval", "53"), ("Le Mans", "72"),
    ("La Roche-sur-Yon", "85"), ("Saint-Nazaire", "44"), ("Cholet", "49"), ("Rennes", "35"),
    ("Paris 14e", "75"), ("Brest", "29"), ("Tours", "37"), ("Niort", "79"),
    ("Saint-Herblain", "44"), ("Château-Gontier", "53"), ("Les Sables-d'Olonne", "85"),
)
FOREIGN_BIRTH = (("Dakar", "SEN", "SÉNÉGAL"), ("Porto", "PRT", "PORTUGAL"),
                 ("Casablanca", "MAR", "MAROC"), ("Hanoï", "VNM", "VIET NAM"),
                 ("Bamako", "MLI", "MALI"))
# Postal codes of home addresses: in the académie (44, 49, 53, 72, 85) and outside.
HOME_CITIES = (
    ("44000", "Nantes"), ("44600", "Saint-Nazaire"), ("49100", "Angers"),
    ("49300", "Cholet"), ("53000", "Laval"), ("72000", "Le Mans"),
    ("85000", "La Roche-sur-Yon"), ("85100", "Les Sables-d'Olonne"), ("44400", "Rezé"),
)
OUTSIDE_CITIES = (("75011", "Paris"), ("35000", "Rennes"), ("33000", "Bordeaux"),
                  ("97400", "Saint-Denis"), ("29200", "Brest"))


@dataclass(frozen=True)
class Person:
    """Civil status as printed on the identity document (accents and full spelling)."""

    surname: str
    given_names: tuple[str, ...]
    sex: str  # "F" or "M"
    birth_date: date
    birth_place: str
    usage_name: str | None = None
    nationality: str = "FRA"
    birth_country: str = "FRANCE"
    document_number: str = "X4RTBPFW4"
    issue_date: date = date(2021, 6, 2)
    expiry_date: date = date(2031, 6, 1)
    extra: dict[str, str] = field(default_factory=dict)

    def with_document(self, number: str, issued: date, expires: date) -> "Person":
        """The same person holding another document."""
        return replace(self, document_number=number, issue_date=issued, expiry_date=expires)


def random_person(rng: random.Random, *, birth_date: date, nationality: str = "FRA",
                  long_name: bool = False, married: bool = False) -> Person:
    """A plausible candidate of that birth date and nationality."""
    sex = rng.choice("FM")
    names = FEMALE_NAMES if sex == "F" else MALE_NAMES
    count = rng.choices((1, 2, 3), weights=(4, 4, 2))[0]
    given = tuple(rng.sample(names, count))
    surname = rng.choice(LONG_SURNAMES) if long_name else rng.choice(SURNAMES)
    if nationality == "FRA":
        place, _ = rng.choice(BIRTH_PLACES)
        country = "FRANCE"
    else:
        place, nationality, country = rng.choice(FOREIGN_BIRTH)
    usage = rng.choice(SURNAMES) if married and sex == "F" else None
    return Person(surname=surname, given_names=given, sex=sex, birth_date=birth_date,
                  birth_place=place, usage_name=usage, nationality=nationality,
                  birth_country=country)


def document_number_2021(rng: random.Random) -> str:
    """Nine characters, letters and digits, as on the 2021 card and passports."""
    alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return "".join(rng.choice(alphabet) for _ in range(9))


def document_number_1988(rng: random.Random, issued: date, department: str) -> str:
    """Twelve digits: year and month of issue, department and office, sequence."""
    return (f"{issued:%y%m}{department[:2]}{rng.randint(0, 9)}"
            f"{rng.randint(0, 99999):05d}")
