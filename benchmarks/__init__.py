"""Scripts that print timings and memory figures of justif (not tests).

They measure one core, as the brief does: importing this package (each script's first
project import) sets the thread limits before Tesseract, numpy or OpenCV is loaded.
"""

from settings.runtime import use_one_thread

use_one_thread()
