"""Compare a name or a birth date as the document and the account write them.

A document value is the same as the account's, a variant (NAME_VARIANT: only accents,
hyphens/spaces, or through the usage name), or a mismatch of a named kind. Fuzzy scores never
turn a mismatch into a match: they only say whether a mismatch looks like a typo.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from checks.names.spelling import Spelling, same_word
from schemas.civil_status import Agreement, Difference, FieldComparison, Source

# A mismatch is called a typo (in the message only: it never makes two names equal) when the
# transliterated forms are at most this many edits apart (substitution, insertion, deletion,
# swap of neighbours) and at least this similar. Chosen on the labelled pairs
# (benchmarks/name_matching.py prints the sweep): 2 edits and 60 name all 42 planted typos,
# 3-letter names included (one letter changed in THU scores 66.7), and call none of the 90
# siblings, twins, namesakes and unrelated people a typo.
TYPO_MAX_EDITS = 2
TYPO_MIN_SCORE = 60.0
# When the MRZ and the printed zone disagree on a name (names carry no check digit), the
# printed reading is kept if it is within this many edits of the MRZ reading and equals the
# account: two independent readings then agree and the third differs by an OCR slip.
OCR_SLIP_EDITS = 1


@dataclass(frozen=True)
class DocumentName:
    """One name of the document as read by each source; None where a source did not read it."""

    mrz: str | None = None
    printed: str | None = None
    truncated: bool = False  # the MRZ field was full: the name may be cut


def score(left: Spelling, right: Spelling) -> float:
    """Similarity of two spellings (0-100) on their transliterated letters."""
    return round(max(fuzz.ratio(a, b) for a in left.joined_forms for b in right.joined_forms), 1)


def looks_like_typo(left: Spelling, right: Spelling) -> bool:
    """A letter or two changed, doubled, dropped or swapped."""
    edits = min(OSA.distance(a, b) for a in left.joined_forms for b in right.joined_forms)
    return 0 < edits <= TYPO_MAX_EDITS and score(left, right) >= TYPO_MIN_SCORE


def variant_differences(document: Spelling, account: Spelling) -> tuple[Difference, ...] | None:
    """What separates two spellings of one name, or None when they are different names."""
    if not document.joined_forms & account.joined_forms:
        return None
    differences = []
    if not document.forms & account.forms or (
            document.precise and document.separators != account.separators):
        differences.append(Difference.SEPARATORS)
    # Accents are known only from a precise spelling that has some (the MRZ has none).
    if document.precise and document.letters != account.letters and (
            document.has_diacritics or account.has_diacritics):
        differences.append(Difference.ACCENTS)
    return tuple(differences)


def _truncated_match(document: Spelling, account: Spelling) -> bool:
    """The MRZ cut the name at the field's end and the account's name continues it."""
    return any(full.startswith(cut) for cut in document.joined_forms
               for full in account.joined_forms)


def resolve(name: DocumentName, account_text: str) -> tuple[Spelling, Source, dict[str, str]]:
    """The document's spelling to compare: the printed one when it agrees with the MRZ.

    The MRZ is the anchor; the printed zone brings accents and hyphens. When they disagree,
    the printed spelling is kept only if it equals the account and is one OCR slip from the
    MRZ (see OCR_SLIP_EDITS); otherwise the MRZ is kept. Both readings go into the evidence.
    """
    if name.printed is None or not name.printed.strip():
        return Spelling(name.mrz or "", precise=False), Source.MRZ, {}
    printed = Spelling(name.printed)
    if name.mrz is None:
        return printed, Source.PRINTED, {}
    if not name.mrz.strip():
        # The MRZ has no room left for this name: the printed zone speaks alone.
        return printed, Source.PRINTED, {"mrz": "", "printed": name.printed}
    mrz = Spelling(name.mrz, precise=False)
    agree = bool(printed.forms & mrz.forms) or (name.truncated and _truncated_match(mrz, printed))
    if agree:
        return printed, Source.MRZ_AND_PRINTED, {}
    readings = {"mrz": name.mrz, "printed": name.printed}
    account = Spelling(account_text)
    slip = min(OSA.distance(a, b) for a in printed.joined_forms for b in mrz.joined_forms)
    if variant_differences(printed, account) is not None and slip <= OCR_SLIP_EDITS:
        return printed, Source.PRINTED, readings
    return mrz, Source.MRZ, readings


def _compared(field: str, agreement: Agreement, differences: Sequence[Difference],
              document: Spelling, account: Spelling, source: Source, **detail: object
              ) -> FieldComparison:
    return FieldComparison(
        field=field, agreement=agreement, differences=tuple(differences),
        document=document.text.strip(), account=account.text.strip(), source=source,
        score=score(document, account), detail={k: v for k, v in detail.items() if v})


def _match(document: Spelling, account: Spelling, truncated: bool
           ) -> tuple[Difference, ...] | None:
    """Differences when the account's spelling is a form of the document's, else None."""
    found = variant_differences(document, account)
    if found is None and truncated and not document.precise and _truncated_match(document,
                                                                                  account):
        found = (Difference.TRUNCATED,)
    return found


def _agreement(differences: Sequence[Difference]) -> Agreement:
    shown = [d for d in differences if d not in (Difference.TRUNCATED,
                                                   Difference.SOURCES_DISAGREE)]
    return Agreement.VARIANT if shown else Agreement.SAME


def compare_surname(name: DocumentName, birth_name: str, usage_name: str | None,
                    document_usage_name: str | None = None) -> FieldComparison:
    """The document's surname against the account's birth name, or its usage name."""
    document, source, readings = resolve(name, birth_name)
    noted = [Difference.SOURCES_DISAGREE] if readings else []
    account = Spelling(birth_name)
    found = _match(document, account, name.truncated)
    if found is not None:
        return _compared("surname", _agreement(found), [*found, *noted], document, account,
                         source, readings=readings)
    if usage_name and _match(document, Spelling(usage_name), name.truncated) is not None:
        return _compared("surname", Agreement.VARIANT, [Difference.USAGE_NAME, *noted],
                         document, account, source, account_usage_name=usage_name,
                         readings=readings)
    if document_usage_name and variant_differences(Spelling(document_usage_name),
                                                   account) is not None:
        return _compared("surname", Agreement.MISMATCH,
                         [Difference.USAGE_AS_BIRTH_NAME, *noted], document, account, source,
                         document_usage_name=document_usage_name, readings=readings)
    core_document, core_account = document.without_particles(), account.without_particles()
    if (core_document != document.words or core_account != account.words) and (
            Spelling(" ".join(core_document)).joined_forms
            & Spelling(" ".join(core_account)).joined_forms):
        return _compared("surname", Agreement.MISMATCH, [Difference.PARTICLE, *noted],
                         document, account, source, readings=readings)
    kind = Difference.TYPO if looks_like_typo(document, account) else Difference.DIFFERENT
    return _compared("surname", Agreement.MISMATCH, [kind, *noted], document, account, source,
                     readings=readings)


def _subsequence(short: Sequence[frozenset[str]], long: Sequence[frozenset[str]]
                 ) -> list[int] | None:
    """Indexes of `long` matched in order by every word of `short`, or None."""
    matched, start = [], 0
    for word in short:
        for index in range(start, len(long)):
            if same_word(word, long[index]):
                matched.append(index)
                start = index + 1
                break
        else:
            return None
    return matched


def join_names(names: Sequence[str]) -> str:
    """Given names as one text, the way the account and the printed zone list them."""
    return ", ".join(n.strip() for n in names if n.strip())


def compare_given_names(name: DocumentName, account_names: Sequence[str]) -> FieldComparison:
    """All of the document's given names, in order, against the account's.

    `name` holds each source's given names joined with ", " (the MRZ's as it splits them).
    """
    account = Spelling(join_names(account_names))
    document, source, readings = resolve(name, account.text)
    truncated = name.truncated and source is Source.MRZ
    noted = [Difference.SOURCES_DISAGREE] if readings else []
    found = _match(document, account, truncated)
    if found is not None:
        return _compared("given_names", _agreement(found), [*found, *noted], document,
                         account, source, readings=readings)
    if source is Source.MRZ_AND_PRINTED and name.truncated and name.mrz and _truncated_match(
            Spelling(name.mrz, precise=False), account):
        # The account agrees with the MRZ as far as the MRZ goes: what differs is only in the
        # part the MRZ cut, which the printed zone's OCR alone reads.
        readings = {"mrz": name.mrz, "printed": name.printed or "", "beyond_mrz": "oui"}
        noted = [Difference.SOURCES_DISAGREE]
    doc_words, acc_words = document.word_forms, account.word_forms
    missing = _subsequence(acc_words, doc_words)
    if missing is not None and len(acc_words) < len(doc_words) and acc_words:
        absent = [document.words[i] for i in range(len(doc_words)) if i not in missing]
        return _compared("given_names", Agreement.MISMATCH,
                         [Difference.MISSING_GIVEN_NAMES, *noted], document, account, source,
                         missing=absent, readings=readings)
    extra = _subsequence(doc_words, acc_words)
    if extra is not None and len(doc_words) < len(acc_words) and not truncated:
        added = [account.words[i] for i in range(len(acc_words)) if i not in extra]
        return _compared("given_names", Agreement.MISMATCH,
                         [Difference.EXTRA_GIVEN_NAMES, *noted], document, account, source,
                         extra=added, readings=readings)
    if len(doc_words) == len(acc_words) and len(doc_words) > 1 and all(
            any(same_word(d, a) for a in acc_words) for d in doc_words) and all(
            any(same_word(a, d) for d in doc_words) for a in acc_words):
        return _compared("given_names", Agreement.MISMATCH, [Difference.ORDER, *noted],
                         document, account, source, readings=readings)
    typos = _word_typos(document, account)
    kind = Difference.TYPO if typos else Difference.DIFFERENT
    return _compared("given_names", Agreement.MISMATCH, [kind, *noted], document, account,
                     source, typos=typos, readings=readings)


def _word_typos(document: Spelling, account: Spelling) -> list[list[str]]:
    """The (document, account) words that differ by a typo, when every difference is one."""
    if len(document.words) != len(account.words):
        return [[document.upper, account.upper]] if looks_like_typo(document, account) else []
    pairs = []
    for doc_word, acc_word in zip(document.words, account.words, strict=True):
        left, right = Spelling(doc_word), Spelling(acc_word)
        if left.joined_forms & right.joined_forms:
            continue
        if not looks_like_typo(left, right):
            return []
        pairs.append([doc_word, acc_word])
    return pairs


def compare_birth_date(document: date, account: date, source: Source) -> FieldComparison:
    """Exact dates; day and month swapped is named as such."""
    shown_document, shown_account = f"{document:%d/%m/%Y}", f"{account:%d/%m/%Y}"
    if document == account:
        return FieldComparison(field="birth_date", agreement=Agreement.SAME,
                               document=shown_document, account=shown_account, source=source,
                               score=100.0)
    swapped = (document.year == account.year and document.day == account.month
               and document.month == account.day)
    return FieldComparison(
        field="birth_date", agreement=Agreement.MISMATCH,
        differences=(Difference.DAY_MONTH_SWAP if swapped else Difference.DIFFERENT,),
        document=shown_document, account=shown_account, source=source, score=0.0,
        detail={"days_apart": abs((document - account).days)})
