"""A resident Tesseract: reads images sent on its standard input through libtesseract's C API.

Run as `python -m extractors.tesseract_worker` by `extractors.resident_tesseract`, which
speaks to it. Each `tesseract` command spends about 0.1 s before reading a pixel, most of it
building the engine's table of universal character ambiguities (perf, Debian's 5.3.0): as
long as recognising a whole card (0.24 s a page pass from the command, 0.12 s here). Here
each engine is built once and kept. It is the library the command runs on: the same words,
boxes and confidences for the same pixels.

Messages both ways are a 4-byte big-endian length and a JSON object; a request's image
follows it as raw 8-bit grey rows. This module imports only the standard library: the worker
starts in about 0.1 s (measured while the tests ran beside), then builds each engine once.
"""

import ctypes
import ctypes.util
import json
import struct
import sys
import time
from typing import BinaryIO

# Variables a request may set after the engine's creation, and Tesseract's defaults: each
# request sets all of them, so that none carries over from the request before.
RUNTIME_DEFAULTS = {
    "tessedit_do_invert": "1",
    "textord_tabfind_find_tables": "1",
    "tessedit_char_whitelist": "",
    "lstm_choice_mode": "0",
    "hocr_char_boxes": "0",
}
# The columns of Tesseract's TSV: the command writes them first, the library leaves them out.
_TSV_HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth"
               "\theight\tconf\ttext\n")
# Tesseract's engine modes (TessOcrEngineMode): the LSTM network only.
_LSTM_ONLY = 1
_LENGTH = struct.Struct(">I")


def send(stream: BinaryIO, message: dict, payload: bytes | memoryview = b"") -> None:
    """Write one message and its payload, then flush."""
    body = json.dumps(message).encode("utf-8")
    stream.write(_LENGTH.pack(len(body)) + body)
    stream.write(payload)  # apart: a page's megabyte is not copied once more
    stream.flush()


def receive(stream: BinaryIO) -> dict | None:
    """The next message, or None when the other side has closed the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    return json.loads(stream.read(_LENGTH.unpack(head)[0]).decode("utf-8"))


def _library() -> ctypes.CDLL:
    """The Tesseract library, with the signatures of the C API functions used here."""
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    lib = ctypes.CDLL(name)
    handle, text, string = ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p
    signatures = {
        "TessBaseAPICreate": (handle, []),
        "TessBaseAPIInit4": (ctypes.c_int, [handle, string, string, ctypes.c_int,
                                            ctypes.POINTER(string), ctypes.c_int,
                                            ctypes.POINTER(string), ctypes.POINTER(string),
                                            ctypes.c_size_t, ctypes.c_int]),
        "TessBaseAPISetVariable": (ctypes.c_int, [handle, string, string]),
        "TessBaseAPISetPageSegMode": (None, [handle, ctypes.c_int]),
        "TessBaseAPISetImage": (None, [handle, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
                                       ctypes.c_int, ctypes.c_int]),
        "TessBaseAPIRecognize": (ctypes.c_int, [handle, ctypes.c_void_p]),
        "TessBaseAPIGetTsvText": (text, [handle, ctypes.c_int]),
        "TessBaseAPIGetHOCRText": (text, [handle, ctypes.c_int]),
        "TessBaseAPIGetUTF8Text": (text, [handle]),
        "TessBaseAPIClear": (None, [handle]),
        "TessDeleteText": (None, [text]),
    }
    for function, (result, arguments) in signatures.items():
        getattr(lib, function).restype = result
        getattr(lib, function).argtypes = arguments
    return lib


class _Engines:
    """One engine per language and set of load-time variables, created on first use."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib
        self.engines: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}

    def get(self, lang: str, at_load: dict[str, str]) -> int:
        key = (lang, tuple(sorted(at_load.items())))
        if key not in self.engines:
            # Tesseract's notes ("Estimating resolution as 211") would go to stderr.
            variables = {"debug_file": "/dev/null", **at_load}
            names = (ctypes.c_char_p * len(variables))(*(n.encode() for n in variables))
            values = (ctypes.c_char_p * len(variables))(*(v.encode() for v in variables.values()))
            engine = self.lib.TessBaseAPICreate()
            if self.lib.TessBaseAPIInit4(engine, None, lang.encode(), _LSTM_ONLY, None, 0,
                                         names, values, len(variables), 0) != 0:
                raise RuntimeError(f"Tesseract : langue {lang} introuvable")
            self.engines[key] = engine
        return self.engines[key]

    def read(self, request: dict, pixels: bytes) -> str:
        """What one request asks of its image: TSV (as the command writes it), hOCR or text."""
        lib = self.lib
        engine = self.get(request["lang"], request.get("at_load", {}))
        unknown = request.get("variables", {}).keys() - RUNTIME_DEFAULTS.keys()
        if unknown:
            raise ValueError(f"Tesseract : variables inconnues {sorted(unknown)}")
        for name, value in {**RUNTIME_DEFAULTS, **request.get("variables", {})}.items():
            lib.TessBaseAPISetVariable(engine, name.encode(), value.encode())
        lib.TessBaseAPISetPageSegMode(engine, request["psm"])
        width, height = request["width"], request["height"]
        lib.TessBaseAPISetImage(engine, pixels, width, height, 1, width)
        try:
            if lib.TessBaseAPIRecognize(engine, None) != 0:
                raise RuntimeError("Tesseract : reconnaissance impossible")
            output = request["output"]
            if output == "tsv":
                return _TSV_HEADER + _taken(lib, lib.TessBaseAPIGetTsvText(engine, 0))
            if output == "hocr":
                return _taken(lib, lib.TessBaseAPIGetHOCRText(engine, 0))
            return _taken(lib, lib.TessBaseAPIGetUTF8Text(engine))
        finally:
            lib.TessBaseAPIClear(engine)  # the image and its results: a page's megabytes


def _taken(lib: ctypes.CDLL, text: int | None) -> str:
    """A text the library allocated, as a Python string; the library's copy freed."""
    try:
        return ctypes.string_at(text).decode("utf-8") if text else ""
    finally:
        lib.TessDeleteText(text)


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer requests until the input closes; the first answer says whether Tesseract loaded."""
    try:
        engines = _Engines(_library())
    except (OSError, AttributeError) as exc:  # no library, or one without these functions
        send(answers, {"ok": False, "error": f"Tesseract : bibliothèque introuvable ({exc})"})
        return
    send(answers, {"ok": True})
    while (request := receive(requests)) is not None:
        pixels = requests.read(request["width"] * request["height"])
        try:
            answer = {"ok": True, "text": engines.read(request, pixels)}
        except (RuntimeError, ValueError) as exc:
            answer = {"ok": False, "error": str(exc)}
        # Its CPU seconds so far: the benchmarks count them with the caller's own.
        answer["cpu"] = time.process_time()
        send(answers, answer)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
