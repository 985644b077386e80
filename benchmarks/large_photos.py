"""Time decoding and MRZ reading of full-size phone photos (12 megapixels and more), one core.

    .venv/bin/python benchmarks/large_photos.py [--count N] [--long-side PIXELS]

Draws passports and 2021 card backs photographed at the given size (default 4000 px, a
12-megapixel phone's), saved as JPEG, then prints the seconds per photo to decode it to the
working size (`pages.page_images`, also with its coloured ink faded) and to read its MRZ, and
how many read exactly. None of the generated corpora has photos this large.
"""

import argparse
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import Timings
from extractors.filetype import sniff_format
from extractors.mrz.reader import read_mrz
from extractors.pages import faded_ink_pages, page_images
from samplegen.capture import PhotoStyle, phone_photo, save_jpeg
from samplegen.identity import Address, cni_2021_back, passport_page
from samplegen.mrz_compose import td1_lines, td3_lines
from samplegen.people import Person

PERSON = Person("Saint-Martin", ("Maëlys", "Anne-Sophie"), "F", date(1999, 7, 13), "Nantes",
                document_number="20DD94051", issue_date=date(2022, 3, 1),
                expiry_date=date(2032, 3, 1))


def photo(seed: int, long_side: int) -> tuple[bytes, list[str]]:
    """A passport (odd seeds) or a 2021 card's back (even) photographed, and its MRZ."""
    rng = random.Random(seed)
    document, truth = ((passport_page(PERSON, rng), td3_lines(PERSON)) if seed % 2 else
                       (cni_2021_back(PERSON, Address("12 rue des Lilas", "44000", "Nantes"),
                                      rng), td1_lines(PERSON)))
    style = PhotoStyle(quarter_turns=rng.randrange(4), angle=rng.uniform(-6, 6),
                       long_side=long_side)
    return save_jpeg(phone_photo(document, random.Random(100 + seed), style), 90), truth


def main() -> None:
    """Draw the photos, then time and score each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--long-side", type=int, default=4000)
    options = parser.parse_args()
    photos = [photo(seed, options.long_side) for seed in range(options.count)]
    read_mrz([], "ocrb")  # builds the OCR-B templates once, outside the timings
    decode, faded, reading = Timings(), Timings(), Timings()
    exact = 0
    for data, truth in photos:
        fmt = sniff_format(data[:1024])
        started = decode.start()
        pages = page_images(data, fmt)
        decode.stop(started)
        started = faded.start()
        faded_ink_pages(data, fmt)
        faded.stop(started)
        started = reading.start()
        mrz = read_mrz(pages)
        reading.stop(started)
        exact += bool(mrz is not None and mrz.valid and mrz.lines == truth)
    size = f"{options.long_side} px"
    print(f"{len(photos)} photos de {size} ; MRZ exactes et valides : {exact}/{len(photos)}")
    print(f"décodage (secondes par photo) : {decode.summary()}")
    print(f"décodage, encre colorée effacée : {faded.summary()}")
    print(f"lecture de la MRZ : {reading.summary()}")


if __name__ == "__main__":
    main()
