"""What the reader's hesitations do to a reading: repairs, uncertain letters, the printed zone."""

from datetime import date

from extractors.mrz.repair import read_lines
from extractors.mrz.settle import settle_by_second_reading, settle_letters
from samplegen.mrz_compose import fra_1988_lines, td1_lines, td3_lines
from samplegen.people import Person
from schemas.printed import PrintedZone

PASSPORT = Person("Robert", ("Louise",), "F", date(1997, 12, 27), "Nantes",
                  document_number="21AA75828", issue_date=date(2018, 10, 12),
                  expiry_date=date(2028, 10, 12))
LINES = td3_lines(PASSPORT)
SURE = 0.95


def cells(lines: list[str], **seen: tuple[tuple[str, float], ...]):
    """Every position read surely as the text says, but those given as p<line>_<position>."""
    return [[seen.get(f"p{line}_{position}", ((char, SURE),))
             for position, char in enumerate(text)] for line, text in enumerate(lines)]


def with_char(lines: list[str], line: int, position: int, char: str) -> list[str]:
    changed = list(lines)
    changed[line] = changed[line][:position] + char + changed[line][position + 1:]
    return changed


def test_a_sex_the_format_forbids_takes_the_allowed_letter_the_reader_nearly_chose():
    sex = 20  # line 2 of a passport: F
    misread = with_char(LINES, 1, sex, "Y")
    nearly = read_lines(misread, cells(misread, p1_20=(("Y", 0.80), ("F", 0.78), ("T", 0.70))))
    assert nearly.valid and nearly.lines == LINES
    # No allowed letter near: no check digit covers the sex, so the reading is not trusted.
    lost = read_lines(misread, cells(misread, p1_20=(("Y", 0.80), ("T", 0.78))))
    assert not lost.valid and not lost.verified


def test_a_digit_in_a_name_becomes_the_letter_the_reader_nearly_chose():
    position = LINES[0].index("LOUISE") + 3  # the I
    misread = with_char(LINES, 0, position, "1")
    reading = read_lines(misread, cells(misread, **{
        f"p0_{position}": (("1", 0.86), ("I", 0.80), ("T", 0.70))}))
    assert reading.lines == LINES
    # T also near: the name letter cannot be told, whichever is kept.
    unsure = read_lines(misread, cells(misread, **{
        f"p0_{position}": (("1", 0.86), ("T", 0.85), ("I", 0.84))}))
    assert not unsure.valid and unsure.verified


def test_name_letters_tied_with_another_are_uncertain_not_valid():
    position = LINES[0].index("ROBERT") + 4  # the R no check digit covers
    misread = with_char(LINES, 0, position, "Q")
    reading = read_lines(misread, cells(misread, **{
        f"p0_{position}": (("Q", 0.942), ("R", 0.937), ("O", 0.91))}))
    # The check digits pass, so the number and dates stand, but the name is not read as sure.
    assert all(reading.checks.values())
    assert not reading.valid and reading.verified
    assert reading.fields["uncertain_letters"] == [[0, position, "QR"]]


def test_a_check_digit_is_not_mended_away_from_a_cell_the_reader_barely_saw():
    card = Person("Perrin", ("Manon",), "F", date(2000, 12, 25), "Nantes",
                  document_number="T6T9M1F36", issue_date=date(2024, 2, 25),
                  expiry_date=date(2034, 2, 25))
    truth = td1_lines(card)
    # Glare over the first T: read F, badly. Changing the second T to 7 would satisfy the
    # document number's check digit by chance (the case seen on a generated photo).
    misread = with_char(truth, 0, 5, "F")
    reading = read_lines(misread, cells(misread, p0_5=(("F", 0.70), ("P", 0.66)),
                                        p0_7=(("T", 0.90), ("7", 0.81))))
    assert not reading.valid and not reading.verified
    assert reading.lines[0][7] == "T"


def test_a_mark_in_a_french_passports_empty_personal_number_is_a_filler():
    misread = with_char(LINES, 1, 32, "6")
    reading = read_lines(misread, cells(misread))
    assert reading.valid and reading.lines == LINES


def uncertain_passport():
    position = LINES[0].index("ROBERT") + 4
    misread = with_char(LINES, 0, position, "Q")
    return read_lines(misread, cells(misread, **{
        f"p0_{position}": (("Q", 0.942), ("R", 0.937), ("O", 0.91))}))


def test_the_printed_zone_settles_an_uncertain_letter_it_shows():
    settled = settle_letters(uncertain_passport(), [PrintedZone(surname="Robert",
                                                                given_names=("Louise",))])
    assert settled.valid and settled.lines == LINES
    assert settled.fields["surname"] == "ROBERT"
    assert settled.repairs[-1].reason == "printed zone"


def test_the_printed_zone_does_not_settle_what_it_does_not_show_or_shows_two_ways():
    reading = uncertain_passport()
    # OCR of the printed name failed; or it printed a letter the reader never considered.
    for zones in ([], [PrintedZone(surname="Rob", given_names=("Louise",))],
                  [PrintedZone(surname="Robest", given_names=("Louise",))],
                  [PrintedZone(surname="Robeqt"), PrintedZone(surname="Robert")]):
        assert settle_letters(reading, zones) == reading


def test_the_printed_zone_settles_a_weak_cell_with_a_letter_the_reader_never_listed():
    # Glare over the B of ROBERT: the reader's best guess there, H or K, is far below its
    # usual score, and B is not among them.
    position = 5 + 3
    misread = with_char(LINES, 0, position, "H")
    glare = read_lines(misread, cells(misread, p0_8=(("H", 0.60), ("K", 0.59))))
    assert glare.verified and not glare.valid
    assert glare.fields["weak_letters"] == [[0, position]]
    settled = settle_letters(glare, [PrintedZone(surname="Robert", given_names=("Louise",))])
    assert settled.valid and settled.lines == LINES and "weak_letters" not in settled.fields
    # A near-tie on a cell seen clearly is not weak: only its listed letters may settle it.
    tie = read_lines(misread, cells(misread, p0_8=(("H", 0.95), ("K", 0.94))))
    assert "weak_letters" not in tie.fields
    assert settle_letters(tie, [PrintedZone(surname="Robert")]) == tie


def test_a_second_reader_agreeing_over_the_word_settles_an_uncertain_letter():
    # Tesseract's line misreads other things (a filler read K past the names) but reads
    # ROBERT as the OCR-B reader nearly did.
    other = with_char(LINES, 0, 30, "K")
    settled = settle_by_second_reading(uncertain_passport(), other)
    assert settled.valid and settled.lines == LINES
    assert settled.repairs[-1].reason == "second reader"


def test_a_second_reader_that_disagrees_over_the_word_or_lists_no_choice_settles_nothing():
    reading = uncertain_passport()
    position = LINES[0].index("ROBERT")
    for other in (with_char(LINES, 0, position + 1, "D"),  # ... RDBERT: out of step
                  with_char(LINES, 0, position + 4, "P"),  # ROBEPT: P was never a choice
                  [LINES[0][:-1], LINES[1]]):  # a line of another length
        assert settle_by_second_reading(reading, other) == reading


def test_a_second_reader_settles_a_weak_cell_as_a_filler():
    # A mark over the filler between surname and given names: read W, badly.
    position = LINES[0].index("<<LOUISE") + 1
    misread = with_char(LINES, 0, position, "W")
    smudged = read_lines(misread, cells(misread, **{f"p0_{position}": (("W", 0.55),
                                                                        ("Z", 0.50))}))
    assert smudged.fields["weak_letters"] == [[0, position]]
    settled = settle_by_second_reading(smudged, LINES)
    assert settled.valid and settled.lines == LINES
    assert settled.fields["given_names"] == ["LOUISE"]


def test_a_settled_reading_with_a_state_code_outside_the_lists_stays_short_of_valid():
    position = LINES[0].index("ROBERT") + 4
    misread = with_char(with_char(LINES, 0, position, "Q"), 1, 10, "Y")  # FRA read YRA
    reading = read_lines(misread, cells(misread, **{
        f"p0_{position}": (("Q", 0.942), ("R", 0.937), ("O", 0.91))}))
    assert reading.fields["unknown_state_codes"] and reading.fields["uncertain_letters"]
    for settled in (settle_letters(reading, [PrintedZone(surname="Robert")]),
                    settle_by_second_reading(reading, [LINES[0], misread[1]])):
        assert settled.lines[0] == LINES[0] and "uncertain_letters" not in settled.fields
        assert not settled.valid and settled.verified


def test_a_difference_an_uncertain_letter_explains_goes_to_a_person_not_a_mismatch():
    from checks.civil_status import civil_status_findings
    from tests.factories import account

    reading = uncertain_passport()  # ROBEQT, where R and Q tied
    holder = account(birth_name="Robert", given_names=("Louise",),
                     birth_date=PASSPORT.birth_date)
    findings = civil_status_findings(holder, reading, None)
    assert [f.code.value for f in findings] == ["MANUAL_CHECK_REQUIRED"]
    assert "Q ou R" in findings[0].message and "ROBEQT" in findings[0].message
    # A name no choice of those letters gives is still a mismatch.
    other = account(birth_name="Robin", given_names=("Louise",), birth_date=PASSPORT.birth_date)
    assert [f.code.value for f in civil_status_findings(other, reading, None)] == [
        "SURNAME_MISMATCH"]
    # The printed zone, read apart, settles the letter: then nothing to say.
    settled = settle_letters(reading, [PrintedZone(surname="Robert", given_names=("Louise",))])
    assert civil_status_findings(holder, settled, None) == []


def test_a_french_passports_empty_personal_number_has_check_digit_zero():
    misread = with_char(LINES, 1, 42, "1")
    reading = read_lines(misread, cells(misread))
    assert reading.valid and reading.lines == LINES
    # A wrong composite is not hidden by it.
    broken = with_char(misread, 1, 43, str((int(LINES[1][43]) + 1) % 10))
    assert not read_lines(broken, cells(broken)).valid


def test_a_digit_the_reader_barely_saw_is_the_one_its_check_digit_allows():
    birth = 13  # line 2 of a passport: 971227, the check digit at 19
    misread = with_char(LINES, 1, birth + 3, "F")  # the 2 of 12 under glare
    # As on a generated photo: the cell matched F, P and K alike, no digit among them.
    reading = read_lines(misread, cells(misread, p1_16=(("F", 0.57), ("P", 0.57),
                                                        ("K", 0.56))))
    assert reading.lines == LINES and all(reading.checks.values())
    # Read surely as F, it is a letter where a digit belongs, not a digit to guess.
    sure = read_lines(misread, cells(misread, p1_16=(("F", 0.94), ("P", 0.80))))
    assert sure.lines != LINES and not sure.valid


def test_a_smudge_on_the_fillers_of_a_permits_optional_fields_is_read_as_fillers():
    permit = Person("Brochard", ("Yasmine",), "F", date(2007, 1, 4), "Porto",
                    nationality="PRT", document_number="184731864",
                    issue_date=date(2025, 6, 10), expiry_date=date(2035, 6, 10))
    truth = td1_lines(permit, "IR")
    misread = with_char(with_char(truth, 0, 18, "2"), 1, 25, "Z")
    # Both barely matched (a stain on the card), flanked by fillers: the composite decides.
    reading = read_lines(misread, cells(misread, p0_18=(("2", 0.68), ("7", 0.55)),
                                        p1_25=(("Z", 0.71), ("E", 0.61))))
    assert reading.lines == truth and all(reading.checks.values())
    # Matched surely, they are data the composite refuses: nothing is guessed.
    sure = read_lines(misread, cells(misread))
    assert sure.lines == misread and not sure.valid


def test_a_smudge_on_the_fillers_after_a_1988_cards_surname_is_read_as_a_filler():
    # The 1988 card's composite covers its names: a shadow's edge across the fillers after
    # LAMBERT read as a lone Z (a generated photo) fails it, and the filler passes.
    card = Person("Lambert", ("Gaël", "Clément"), "M", date(2002, 10, 8), "Cholet",
                  document_number="190972881074", issue_date=date(2019, 9, 1),
                  expiry_date=date(2034, 9, 1))
    truth = fra_1988_lines(card, "072011")
    position = truth[0].index("LAMBERT<") + len("LAMBERT<")
    misread = with_char(truth, 0, position, "Z")
    reading = read_lines(misread, cells(misread, **{f"p0_{position}": (("Z", 0.66),
                                                                       ("<", 0.58))}))
    assert reading.valid and reading.lines == truth
    # Matched surely, the Z stays and the composite fails: a name part is not guessed away.
    sure = read_lines(misread, cells(misread))
    assert sure.lines == misread and not sure.valid


def test_of_two_fixes_to_a_check_digit_the_failing_composite_chooses_a_near_tie():
    """A document number letter misread (A read B, nearly tied) fails its check digit, which a
    plausible other digit at the check digit would also satisfy: the composite, failing too,
    passes only with the letter, so the letter is taken. Without the near tie it is not."""
    from extractors.mrz.checksum import check_digit
    from extractors.mrz.formats import FORMAT_BY_NAME
    from extractors.mrz.parse import check_results

    letter = 3  # the second A of 21AA75828
    misread = with_char(LINES, 1, letter, "B")
    other_digit = check_digit(misread[1][:9])
    assert not check_results(FORMAT_BY_NAME["TD3"], with_char(misread, 1, 9, other_digit))[
        "composite"]  # the other fix is one the composite refuses
    digit_cell = ((LINES[1][9], 0.93), (other_digit, 0.86))
    tied = read_lines(misread, cells(misread, p1_3=(("B", 0.90), ("A", 0.89)), p1_9=digit_cell))
    assert tied.valid and tied.lines == LINES
    assert [(r.position, r.read, r.kept) for r in tied.repairs if r.reason == "check digit"] \
        == [(letter, "B", "A")]
    unsure = read_lines(misread, cells(misread, p1_3=(("B", 0.90), ("A", 0.84)),
                                       p1_9=digit_cell))
    assert not unsure.valid and unsure.lines[1][letter] == "B"
