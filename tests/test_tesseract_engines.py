"""The resident Tesseract reads what the `tesseract` command reads, and survives its failures."""

import multiprocessing
import os
import signal

import numpy as np
import pytest

from extractors import resident_tesseract
from extractors.extract import read_identity_files
from extractors.filetype import sniff_format
from extractors.pages import page_images
from extractors.printed.reader import _PAGE_PASS_VARIABLES
from extractors.resident_tesseract import worker_cpu_seconds
from extractors.tesseract import ENGINE_VARIABLE, OcrError, ocr, ocr_choices, ocr_data
from tests.conftest import SAMPLES

_MRZ_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def _identity_pages(count: int) -> list[np.ndarray]:
    """The first page of the first `count` identity photos of the sample dossiers."""
    files = sorted(p for p in SAMPLES.glob("pieces/*/identite/*")
                   if p.suffix.lower() in (".jpg", ".jpeg", ".png"))[:count]
    return [page_images(data, sniff_format(data[:1024]))[0]
            for data in (f.read_bytes() for f in files)]


def _readings(page: np.ndarray) -> list:
    """The page read as the printed zone's page pass, and its middle rows in each other way."""
    height, width = page.shape
    band = page[height // 3:height // 3 + height // 8, width // 8:width - width // 8]
    return [ocr_data(page, lang="fra", psm=11, variables=_PAGE_PASS_VARIABLES),
            ocr_data(band, lang="fra", psm=6),
            ocr_choices(band, lang="fra", psm=7),
            ocr(band, lang="eng", psm=6, whitelist=_MRZ_LETTERS)]


def test_the_resident_engine_reads_what_the_tesseract_command_reads(monkeypatch):
    pages = _identity_pages(3)
    resident = [_readings(page) for page in pages]
    monkeypatch.setenv(ENGINE_VARIABLE, "command")
    command = [_readings(page) for page in pages]
    # Words, boxes, confidences, every character's choices and the plain text: all alike.
    assert resident == command
    # And there was something to compare: words on every page.
    assert all(sum(bool(w.strip()) for w in data["text"]) >= 5
               for data, *_ in resident)


def test_a_piece_is_read_alike_by_both_engines(monkeypatch):
    piece = sorted(SAMPLES.glob("pieces/*/identite/*"))[0]
    files = [(piece.read_bytes(), piece.name)]
    resident = read_identity_files(files, max_bytes=50_000_000)[0]
    monkeypatch.setenv(ENGINE_VARIABLE, "command")
    command = read_identity_files(files, max_bytes=50_000_000)[0]
    assert resident.printed is not None and resident.printed.surname
    # The time each reading took differs, nothing else.
    for extraction in (resident, command):
        extraction.mrz.source.pop("seconds")
        extraction.printed.source.pop("seconds")
    assert resident.model_dump() == command.model_dump()


def _worker_pid() -> int:
    worker = resident_tesseract._RESIDENT.worker
    assert worker is not None and worker.alive
    return worker.process.pid


def test_a_reading_over_its_time_fails_alone_and_the_next_gets_a_new_engine():
    page = _identity_pages(1)[0]
    ocr_data(page, lang="fra", psm=11)
    first = _worker_pid()
    with pytest.raises(OcrError, match="dépassé"):
        ocr_data(page, lang="fra", psm=11, timeout=0.001)
    after = ocr_data(page, lang="fra", psm=11)
    assert _worker_pid() != first
    assert sum(bool(w.strip()) for w in after["text"]) >= 5


def test_an_engine_that_died_is_replaced():
    page = _identity_pages(1)[0]
    before = ocr_data(page, lang="fra", psm=11)
    os.kill(_worker_pid(), signal.SIGKILL)
    resident_tesseract._RESIDENT.worker.process.wait()
    assert ocr_data(page, lang="fra", psm=11) == before


def test_a_variable_the_engine_does_not_reset_is_refused():
    with pytest.raises(OcrError, match="variables inconnues"):
        ocr_data(np.full((40, 200), 255, np.uint8), lang="fra", psm=7,
                 variables={"tessedit_write_images": "1"})


def test_without_the_library_the_command_reads(monkeypatch):
    page = _identity_pages(1)[0]
    expected = ocr_data(page, lang="fra", psm=11)
    # As on a machine where libtesseract cannot be loaded: the worker said so once.
    absent = resident_tesseract._Resident()
    absent.unavailable = True
    monkeypatch.setattr(resident_tesseract, "_RESIDENT", absent)
    assert ocr_data(page, lang="fra", psm=11) == expected


def test_the_engines_cpu_seconds_are_counted():
    page = _identity_pages(1)[0]
    ocr_data(page, lang="fra", psm=3)
    before = worker_cpu_seconds()
    ocr_data(page, lang="fra", psm=11)
    assert worker_cpu_seconds() > before


def _read_in_a_fork(page: np.ndarray, results: multiprocessing.Queue) -> None:
    results.put((os.getpid(), resident_tesseract._RESIDENT.worker.process.pid,
                 ocr_data(page, lang="fra", psm=11)["text"],
                 resident_tesseract._RESIDENT.worker.process.pid))


def test_a_forked_process_reads_with_a_worker_of_its_own():
    page = _identity_pages(1)[0]
    expected = ocr_data(page, lang="fra", psm=11)["text"]
    parents = _worker_pid()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_read_in_a_fork, args=(page, results))
    child.start()
    _, inherited, text, own = results.get(timeout=120)
    child.join(timeout=30)
    # The fork inherited the parent's worker object, read with a new worker, and left the
    # parent's to the parent, which still reads with it.
    assert inherited == parents and own != parents and text == expected
    assert ocr_data(page, lang="fra", psm=11)["text"] == expected
    assert _worker_pid() == parents
