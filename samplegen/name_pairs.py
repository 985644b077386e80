"""Labelled pairs of civil status (document vs account) for choosing and testing name matching.

Each pair is the civil status a document prints and what a candidate typed, labelled with the
relation (same person written differently, or a different person with a close name) and the
finding codes a careful exam officer expects. Run as a script to rewrite the committed table:

    .venv/bin/python -m samplegen.name_pairs tests/data/civil_status_pairs.csv
"""

import csv
import random
import sys
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from samplegen.discrepancies import plain, typo

# Names beyond the generator's pool, so that the table does not only test what it generates:
# Breton, Basque, Portuguese, German, Nordic, Polish, Vietnamese, West African and Maghrebi
# names, particles, apostrophes, ligatures.
SURNAMES = (
    "Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Lefebvre", "Le Goff", "Le Gall",
    "Le Bris", "Quéméner", "Prigent", "Kergoat", "Morvan", "Étienne", "Lemaître", "Pâris",
    "Chênevert", "Bréhéret", "Ménard", "Thébault", "Bœuf", "Cœurdevey", "Müller", "Schäfer",
    "Jørgensen", "Ødegaard", "Núñez", "Muñoz", "Gonçalves", "Conceição", "Dvořák", "Wałęsa",
    "Nguyễn", "Trần", "Ben Youssef", "El Amrani", "Aït Benali", "N'Diaye", "M'Bappé",
    "D'Almeida", "De la Fontaine", "Du Pont", "Saint-Exupéry", "Van der Berg", "O'Neill",
    "Bouvier-Lenoir", "Le Floc'h", "Etxeberria", "Goñi", "Da Silva", "Kowalski", "Traoré",
    "Diallo", "Coulibaly", "Benaïssa", "Chevalier", "Fontaine", "Garnier", "Rousseau",
    "Montmorency-Laval de la Tour", "Kerguelen de Trémarec-Lannion",
)
FEMALE = ("Marie", "Élodie", "Anne-Sophie", "Marie-Hélène", "Maëlys", "Chloé", "Zoé", "Anaïs",
          "Héloïse", "Ophélie", "Clémence", "Thaïs", "Inès", "Cécile", "Geneviève",
          "Françoise", "Éloïse", "Maïwenn", "Aïcha", "Fatoumata", "Thi Thu", "Léa", "Sarah",
          "Noémie", "Gaëlle", "Jeanne", "Louise", "Agnès", "Bérénice", "Solène")
MALE = ("Jean-Pierre", "Noël", "Loïc", "Jérôme", "Benoît", "Gaël", "Raphaël", "José", "João",
        "Björn", "Jürgen", "Søren", "Gwenaël", "Yannick", "Ahmed", "Mohamed", "Minh Đức",
        "François", "Hervé", "Thibault", "Mathéo", "Aurélien", "Stéphane", "Jean", "Louis",
        "Pierre-Yves", "Matthieu", "Sébastien", "Corentin", "Killian")
# Different people whose names are one or two letters apart (all real names).
CLOSE_SURNAMES = (("Martin", "Martins"), ("Dupont", "Dupond"), ("Bernard", "Bernaud"),
                  ("Durand", "Durant"), ("Leroy", "Leroi"), ("Moreau", "Moreaux"),
                  ("Simon", "Simons"), ("Girard", "Giraud"), ("Morel", "Morelle"),
                  ("Lefèvre", "Lefebvre"), ("Robert", "Roberts"), ("Bonnet", "Bonnot"),
                  ("Le Gall", "Le Gal"), ("Guérin", "Guérini"), ("Perrin", "Perrine"),
                  ("Hamon", "Hamont"), ("Chevalier", "Chevallier"), ("Denis", "Dennis"),
                  ("Michel", "Michels"), ("Renaud", "Renault"), ("Lebrun", "Lebrin"),
                  ("Marchand", "Merchand"), ("Roux", "Rioux"), ("Blanc", "Blanco"),
                  ("Da Silva", "Da Sylva"), ("Diallo", "Diallou"), ("Nguyen", "Nguyet"),
                  ("Caron", "Carron"), ("Faure", "Favre"), ("Gautier", "Gauthier"))
CLOSE_GIVEN = (("Marie", "Maria"), ("Louis", "Louise"), ("Jean", "Jeanne"), ("André", "Andrée"),
               ("René", "Renée"), ("Daniel", "Danielle"), ("Michel", "Michelle"),
               ("Clément", "Clémence"), ("Gaël", "Gaëlle"), ("Noël", "Noëlle"),
               ("Yann", "Yannick"), ("Léa", "Léo"), ("Lucas", "Luca"), ("Théo", "Théa"),
               ("Mathis", "Mathias"), ("Emma", "Emmy"), ("Julien", "Julie"), ("Simon", "Simone"),
               ("Pascal", "Pascale"), ("Frédéric", "Frédérique"), ("Dominique", "Domitille"),
               ("Camille", "Camilla"), ("Adrien", "Adrienne"), ("Lou", "Lola"),
               ("Marie-Anne", "Marianne"), ("Jean-Marc", "Jean-Marie"))
# Different people, one surname the start of the other.
PREFIX_SURNAMES = (("Martin", "Martineau"), ("Petit", "Petitjean"), ("Durand", "Durandeau"),
                   ("Roux", "Rousseau"), ("Robert", "Robertson"), ("Simon", "Simonet"),
                   ("Bernard", "Bernardin"), ("Michel", "Michelet"), ("Le Goff", "Le Goffic"),
                   ("Gall", "Gallou"))
PARTICLES = ("De la ", "Du ", "D'", "Le ", "Van der ", "De ")


@dataclass(frozen=True)
class CivilStatus:
    """Surname, usage name, given names and birth date, as one side writes them."""

    surname: str
    usage_name: str
    given_names: tuple[str, ...]
    birth_date: date


@dataclass(frozen=True)
class NamePair:
    """One labelled pair: document (printed zone, MRZ format) and account."""

    pair_id: str
    relation: str  # same | different
    kind: str  # what was changed, in words
    document_format: str  # TD1 | TD3 | FRA_CNI_1988
    document: CivilStatus
    account: CivilStatus
    expected: tuple[str, ...]  # finding codes, sorted

    def row(self) -> dict[str, str]:
        """The pair as a CSV row."""
        out = {"pair_id": self.pair_id, "relation": self.relation, "kind": self.kind,
               "document_format": self.document_format}
        for side in ("document", "account"):
            status = asdict(getattr(self, side))
            out[f"{side}_surname"] = status["surname"]
            out[f"{side}_usage_name"] = status["usage_name"]
            out[f"{side}_given_names"] = "; ".join(status["given_names"])
            out[f"{side}_birth_date"] = status["birth_date"].isoformat()
        out["expected"] = " ".join(self.expected)
        return out


FIELDS = ("pair_id", "relation", "kind", "document_format", "document_surname",
          "document_usage_name", "document_given_names", "document_birth_date",
          "account_surname", "account_usage_name", "account_given_names", "account_birth_date",
          "expected")


def read_pairs(path: Path) -> list[NamePair]:
    """The committed table."""
    def side(row: dict[str, str], prefix: str) -> CivilStatus:
        given = tuple(n.strip() for n in row[f"{prefix}_given_names"].split(";") if n.strip())
        return CivilStatus(row[f"{prefix}_surname"], row[f"{prefix}_usage_name"], given,
                           date.fromisoformat(row[f"{prefix}_birth_date"]))
    with path.open(newline="", encoding="utf-8") as handle:
        return [NamePair(r["pair_id"], r["relation"], r["kind"], r["document_format"],
                         side(r, "document"), side(r, "account"),
                         tuple(r["expected"].split())) for r in csv.DictReader(handle)]


def _typo(word: str, rng: random.Random) -> str:
    """A typo as in the generated corpus, or two neighbouring letters swapped."""
    letters = [i for i in range(len(word) - 1) if word[i].isalpha() and word[i + 1].isalpha()
               and word[i] != word[i + 1]]
    if letters and rng.random() < 0.2:
        i = rng.choice(letters)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return typo(word, rng)


def _person(rng: random.Random) -> CivilStatus:
    pool = FEMALE if rng.random() < 0.5 else MALE
    given = tuple(rng.sample(pool, rng.choices((1, 2, 3), weights=(3, 4, 2))[0]))
    born = date(1975, 1, 1) + timedelta(days=rng.randint(0, 365 * 33))
    return CivilStatus(rng.choice(SURNAMES), "", given, born)


def _typed(status: CivilStatus) -> CivilStatus:
    """The account exactly as the document prints it: title case, accents kept."""
    return replace(status, surname=status.surname.upper(), usage_name=status.usage_name.upper())


def _same_person(kind: str, doc: CivilStatus, rng: random.Random
                 ) -> tuple[CivilStatus, CivilStatus, tuple[str, ...]] | None:
    """Document, account and expected codes for one kind of same-person difference."""
    acc = _typed(doc)
    if kind == "exact":
        return doc, acc, ()
    if kind == "lower_case":
        return doc, replace(acc, surname=doc.surname.lower(),
                            given_names=tuple(g.lower() for g in doc.given_names)), ()
    if kind == "accents_dropped":
        if plain(doc.surname + "".join(doc.given_names)) == doc.surname + "".join(
                doc.given_names):
            return None
        return doc, replace(acc, surname=plain(acc.surname),
                            given_names=tuple(plain(g) for g in doc.given_names)), (
            "NAME_VARIANT",)
    if kind == "hyphen_as_space":
        if "-" not in doc.surname + "".join(doc.given_names):
            return None
        return doc, replace(acc, surname=acc.surname.replace("-", " "),
                            given_names=tuple(g.replace("-", " ") for g in doc.given_names)), (
            "NAME_VARIANT",)
    if kind == "separator_dropped":
        if not any(c in doc.surname for c in " -'"):
            return None
        joined = "".join(c for c in acc.surname if c not in " -'")
        return doc, replace(acc, surname=joined), ("NAME_VARIANT",)
    if kind == "apostrophe_as_space":
        if "'" not in doc.surname:
            return None
        return doc, replace(acc, surname=acc.surname.replace("'", " ")), ("NAME_VARIANT",)
    if kind == "usage_name_on_account":
        married = replace(doc, usage_name=rng.choice(SURNAMES))
        return married, replace(_typed(married), surname=married.surname.upper()), ()
    if kind == "account_birth_name_is_documents_usage":
        married = replace(doc, usage_name=rng.choice([s for s in SURNAMES
                                                      if s != doc.surname]))
        return married, replace(_typed(married), surname=married.usage_name.upper(),
                                usage_name=""), ("SURNAME_MISMATCH",)
    if kind == "account_usage_holds_document_surname":
        other = rng.choice([s for s in SURNAMES if s != doc.surname])
        return doc, replace(acc, surname=other.upper(), usage_name=doc.surname.upper()), (
            "NAME_VARIANT",)
    if kind == "surname_typo":
        return doc, replace(acc, surname=_typo(acc.surname, rng)), ("SURNAME_MISMATCH",)
    if kind == "given_name_typo":
        names = list(doc.given_names)
        index = rng.randrange(len(names))
        names[index] = _typo(names[index], rng)
        return doc, replace(acc, given_names=tuple(names)), ("GIVEN_NAMES_MISMATCH",)
    if kind == "first_given_name_only":
        if len(doc.given_names) < 2:
            return None
        return doc, replace(acc, given_names=doc.given_names[:1]), ("GIVEN_NAMES_MISMATCH",)
    if kind == "given_names_swapped":
        if len(doc.given_names) < 2:
            return None
        return doc, replace(acc, given_names=(doc.given_names[1], doc.given_names[0],
                                              *doc.given_names[2:])), ("GIVEN_NAMES_MISMATCH",)
    if kind == "particle_dropped":
        if any(c in doc.surname for c in " -'"):
            return None
        with_particle = replace(doc, surname=rng.choice(PARTICLES) + doc.surname)
        return with_particle, replace(_typed(with_particle), surname=doc.surname.upper()), (
            "SURNAME_MISMATCH",)
    if kind == "transliterated_umlaut":
        names = {"Müller": "Mueller", "Schäfer": "Schaefer", "Jørgensen": "Joergensen",
                 "Ødegaard": "Oedegaard"}
        surname = rng.choice(sorted(names))
        document = replace(doc, surname=surname)
        return document, replace(_typed(document), surname=names[surname].upper()), (
            "NAME_VARIANT",)
    if kind == "given_names_in_one_field":
        if len(doc.given_names) < 2:
            return None
        return doc, replace(acc, given_names=(" ".join(doc.given_names),)), ("NAME_VARIANT",)
    if kind == "compound_given_joined":
        compound = [g for g in doc.given_names if "-" in g]
        if not compound:
            return None
        return doc, replace(acc, given_names=tuple(
            g.replace("-", "").capitalize() for g in doc.given_names)), ("NAME_VARIANT",)
    if kind == "ligature_typed_apart":
        surname = rng.choice(("Bœuf", "Cœurdevey", "Lætitia-Bœuf", "Sœur"))
        document = replace(doc, surname=surname)
        return document, replace(_typed(document), surname=surname.upper().replace(
            "Œ", "OE").replace("Æ", "AE")), ("NAME_VARIANT",)
    if kind == "typographic_apostrophe":
        surname = rng.choice(("D'Almeida", "N'Diaye", "O'Neill", "Le Floc'h", "M'Bappé"))
        document = replace(doc, surname=surname)
        return document, replace(_typed(document), surname=surname.upper().replace(
            "'", "’")), ()
    if kind == "day_month_swap":
        born = doc.birth_date
        if born.day > 12 or born.day == born.month:
            born = born.replace(day=rng.choice([d for d in range(1, 13) if d != born.month]))
        document = replace(doc, birth_date=born)
        return document, replace(_typed(document), birth_date=born.replace(
            day=born.month, month=born.day)), ("BIRTHDATE_MISMATCH",)
    if kind == "birth_date_typo":
        shift = rng.choice((1, -1, 10, -10, 365, -365, 31))
        return doc, replace(acc, birth_date=doc.birth_date + timedelta(days=shift)), (
            "BIRTHDATE_MISMATCH",)
    raise ValueError(kind)


SAME_KINDS = {"exact": 30, "lower_case": 10, "accents_dropped": 24, "hyphen_as_space": 12,
              "separator_dropped": 10, "apostrophe_as_space": 6, "usage_name_on_account": 10,
              "account_birth_name_is_documents_usage": 10,
              "account_usage_holds_document_surname": 6, "surname_typo": 22,
              "given_name_typo": 20, "first_given_name_only": 14, "given_names_swapped": 10,
              "particle_dropped": 8, "transliterated_umlaut": 6, "day_month_swap": 10,
              "birth_date_typo": 10, "given_names_in_one_field": 8, "compound_given_joined": 6,
              "ligature_typed_apart": 6, "typographic_apostrophe": 4}


def _different_person(kind: str, doc: CivilStatus, rng: random.Random
                      ) -> tuple[CivilStatus, CivilStatus, tuple[str, ...]] | None:
    """A document and the account of somebody else whose civil status is close."""
    if kind == "sibling":
        other = _person(rng)
        given = tuple(g for g in other.given_names if g not in doc.given_names) or ("Agathe",)
        account = CivilStatus(doc.surname.upper(), "", given,
                              doc.birth_date + timedelta(days=rng.randint(400, 3000)))
        return doc, account, ("BIRTHDATE_MISMATCH", "GIVEN_NAMES_MISMATCH")
    if kind == "twin":
        other = _person(rng)
        given = tuple(g for g in other.given_names if g not in doc.given_names) or ("Agathe",)
        return doc, CivilStatus(doc.surname.upper(), "", given, doc.birth_date), (
            "GIVEN_NAMES_MISMATCH",)
    if kind == "twin_close_given_name":
        first, second = rng.choice(CLOSE_GIVEN)
        document = replace(doc, given_names=(first,))
        return document, replace(_typed(document), given_names=(second,)), (
            "GIVEN_NAMES_MISMATCH",)
    if kind == "one_letter_surname":
        first, second = rng.choice(CLOSE_SURNAMES)
        document = replace(doc, surname=first)
        return document, replace(_typed(document), surname=second.upper()), (
            "SURNAME_MISMATCH",)
    if kind == "longer_surname":
        first, second = rng.choice(PREFIX_SURNAMES)
        document = replace(doc, surname=first)
        return document, replace(_typed(document), surname=second.upper()), (
            "SURNAME_MISMATCH",)
    if kind == "namesake_other_birth_date":
        return doc, replace(_typed(doc), birth_date=doc.birth_date + timedelta(
            days=rng.randint(200, 9000))), ("BIRTHDATE_MISMATCH",)
    if kind == "parent_same_first_name":
        account = replace(_typed(doc), given_names=doc.given_names[:1],
                          birth_date=doc.birth_date - timedelta(days=rng.randint(7000, 12000)))
        codes = ["BIRTHDATE_MISMATCH"]
        if len(doc.given_names) > 1:
            codes.append("GIVEN_NAMES_MISMATCH")
        return doc, account, tuple(sorted(codes))
    if kind == "unrelated":
        other = _person(rng)
        codes = ["BIRTHDATE_MISMATCH"] if other.birth_date != doc.birth_date else []
        if plain(other.surname).upper() != plain(doc.surname).upper():
            codes.append("SURNAME_MISMATCH")
        if [plain(g).upper() for g in other.given_names] != [
                plain(g).upper() for g in doc.given_names]:
            codes.append("GIVEN_NAMES_MISMATCH")
        return doc, _typed(other), tuple(sorted(codes))
    raise ValueError(kind)


DIFFERENT_KINDS = {"longer_surname": 10, "sibling": 25, "twin": 20, "twin_close_given_name": 24,
                   "one_letter_surname": 30, "namesake_other_birth_date": 15,
                   "parent_same_first_name": 15, "unrelated": 15}


def build_pairs(seed: int = 9303) -> list[NamePair]:
    """The whole table, the same for a given seed."""
    rng = random.Random(seed)
    pairs: list[NamePair] = []
    plans = [("same", k, n, _same_person) for k, n in SAME_KINDS.items()] + [
        ("different", k, n, _different_person) for k, n in DIFFERENT_KINDS.items()]
    for relation, kind, count, make in plans:
        made = 0
        while made < count:
            built = make(kind, _person(rng), rng)
            if built is None:
                continue
            document, account, expected = built
            made += 1
            pairs.append(NamePair(
                pair_id=f"{relation[0]}{len(pairs) + 1:03d}", relation=relation, kind=kind,
                document_format=rng.choice(("TD1", "TD1", "TD3", "FRA_CNI_1988")),
                document=document, account=account, expected=tuple(sorted(expected))))
    return pairs


def write_pairs(pairs: list[NamePair], path: Path) -> None:
    """Write the table as CSV (UTF-8)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(p.row() for p in pairs)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tests/data/civil_status_pairs.csv")
    write_pairs(build_pairs(), target)
    print(f"{target} : {len(build_pairs())} paires")
