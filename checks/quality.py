"""When an image is too blurred, too dark or too small to be read: the thresholds, in words."""

from typing import Any

# From the identity pieces of sample_docs (extractors.quality.measure): MRZs were read down
# to a sharpness of 30, a brightness of 113 and 640 px; the planted blurred, dark photo
# measures 1.0 and 53. The limits sit well below what was read, so that IMAGE_QUALITY_LOW
# only names a photo that is bad, and only where reading failed (checks.identity).
MIN_SHARPNESS = 15.0
MIN_BRIGHTNESS = 70.0
MIN_LONG_SIDE = 600.0


def quality_problems(quality: dict[str, Any] | None) -> list[str]:
    """What is wrong with an image, in French; empty when nothing is."""
    if not quality:
        return []
    problems = []
    if quality.get("sharpness", MIN_SHARPNESS) < MIN_SHARPNESS:
        problems.append("floue")
    if quality.get("brightness", MIN_BRIGHTNESS) < MIN_BRIGHTNESS:
        problems.append("trop sombre")
    if quality.get("long_side", MIN_LONG_SIDE) < MIN_LONG_SIDE:
        problems.append(f"trop petite ({quality['long_side']:.0f} pixels)")
    return problems
