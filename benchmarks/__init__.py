"""Scripts that print timings and memory figures of justif (not tests).

They measure one core, as the brief does: importing this package (each script's first
project import) holds Tesseract, numpy and OpenCV to one thread before any of them loads.
"""

from settings.runtime import ONE_CORE, use_one_thread

use_one_thread(ONE_CORE)
