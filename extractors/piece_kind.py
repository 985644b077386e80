"""What kind of piece a page of text is: récapitulatif, JDC certificate, transcript, letter."""

from rapidfuzz import fuzz

from extractors.printed.fields import plain

# Phrases that name each kind of piece, in plain form (extractors.printed.fields.plain).
# Titles and the sentences every such document carries; a phrase found with OCR slips still
# counts (partial match score below).
KIND_PHRASES: dict[str, tuple[str, ...]] = {
    "recapitulatif": ("RECAPITULATIF D INSCRIPTION", "SIGNATURE DU CANDIDAT",
                      "NUMERO DE CANDIDAT", "EPREUVES FACULTATIVES"),
    "jdc": ("JOURNEE DEFENSE ET CITOYENNETE", "JOURNEE D APPEL DE PREPARATION A LA DEFENSE",
            "ATTESTATION DE RECENSEMENT", "CERTIFICAT INDIVIDUEL DE PARTICIPATION",
            "SERVICE NATIONAL"),
    "releve_notes": ("RELEVE DE NOTES", "MOYENNE GENERALE", "DECISION DU JURY"),
    "certificat_scolarite": ("CERTIFICAT DE SCOLARITE", "ATTESTATION DE SCOLARITE",
                             "CERTIFICAT D INSCRIPTION", "ATTESTATION DE FORMATION",
                             "EST INSCRIT E EN FORMATION"),
    "certificat_travail": ("CERTIFICAT DE TRAVAIL", "ATTESTATION EMPLOYEUR",
                           "ATTESTATION D EMPLOI", "CONTRAT DE TRAVAIL", "BULLETIN DE PAIE",
                           "BULLETIN DE SALAIRE"),
    "amenagement": ("AMENAGEMENT DES CONDITIONS D EXAMEN", "DECISION D AMENAGEMENT",
                    "TEMPS MAJORE", "AMENAGEMENTS D EPREUVES"),
    "cv": ("CURRICULUM VITAE", "EXPERIENCE PROFESSIONNELLE"),
}
# A phrase is on the page when a run of as many words reads this close to it. Matching
# whole words, not any stretch of characters: an OCR'd photo's noise holds every phrase
# somewhere at a lenient partial score (measured: 3 of 301 récapitulatifs misnamed).
_PHRASE_SCORE = 85.0


def _has_phrase(words: list[str], phrase: str) -> bool:
    size = len(phrase.split())
    return any(fuzz.ratio(" ".join(words[i:i + size]), phrase) >= _PHRASE_SCORE
               for i in range(max(len(words) - size + 1, 0)))


def phrases_found(text: str) -> dict[str, list[str]]:
    """For each kind, the phrases of KIND_PHRASES found in the text."""
    words = plain(text).split()
    found: dict[str, list[str]] = {}
    for kind, phrases in KIND_PHRASES.items():
        hits = [p for p in phrases if _has_phrase(words, p)]
        if hits:
            found[kind] = hits
    return found


def piece_kind(text: str) -> str | None:
    """The kind whose phrases the page carries most, or None when no kind or a tie."""
    found = phrases_found(text)
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda item: len(item[1]), reverse=True)
    if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
        return None
    return ranked[0][0]
