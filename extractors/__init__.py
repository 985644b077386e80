"""Bytes to what a document says: file format, readability, and (later) OCR, MRZ, signature."""
