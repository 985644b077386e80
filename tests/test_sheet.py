"""Finding a photographed sheet and flattening it to an A4 page."""

import warnings

import cv2
import numpy as np

from extractors.sheet import PAGE_WIDTH, flatten_sheet, sheet_corners


def photo_of_sheet(corners: list[tuple[int, int]], table: int = 60) -> np.ndarray:
    """A dark table with a white four-sided sheet on it."""
    image = np.full((1200, 900), table, np.uint8)
    cv2.fillConvexPoly(image, np.array(corners, np.int32), 235)
    return image


def test_a_tilted_sheet_is_found_corner_by_corner_and_flattened_upright():
    corners = [(180, 150), (700, 190), (660, 1050), (130, 1000)]
    found = sheet_corners(photo_of_sheet(corners))
    assert found is not None
    # Top-left, top-right, bottom-right, bottom-left, within a few pixels.
    assert np.abs(found - np.float32(corners)).max() < 12
    flat = flatten_sheet(photo_of_sheet(corners))
    assert flat is not None and flat.shape == (round(PAGE_WIDTH * 297 / 210), PAGE_WIDTH)
    # Seen from above, the page is paper to its edges: no table left in it.
    assert flat[20:-20, 20:-20].min() > 200


def test_a_scan_filling_the_image_is_left_as_it_is():
    assert sheet_corners(np.full((1200, 900), 235, np.uint8)) is None


def test_a_shape_that_is_no_sheet_is_not_flattened():
    # A long thin band (a ruler, a strip of light) is far from A4's proportions.
    assert sheet_corners(photo_of_sheet([(100, 500), (800, 500), (800, 640), (100, 640)])) is None
    # A sheet merged with a bright object into a five-sided region is not forced into four
    # corners: flattening it would bend the text; the page is read as photographed.
    merged = photo_of_sheet([(180, 150), (700, 150), (700, 1050), (180, 1050)])
    cv2.fillConvexPoly(merged, np.array([(700, 150), (880, 400), (700, 700)], np.int32), 235)
    assert sheet_corners(merged) is None
    assert flatten_sheet(merged) is None


def test_a_sheet_turned_on_its_corner_is_not_flattened_and_raises_no_warning():
    # Turned 45 degrees, two of the four corner roles fall on one point; no sheet photo
    # looks like that, and the corner angles must not divide by a zero-length side.
    diamond = photo_of_sheet([(450, 150), (800, 600), (450, 1050), (100, 600)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sheet_corners(diamond) is None
