"""The printed (visual) zone of identity documents: straighten the page, OCR, labelled fields."""
