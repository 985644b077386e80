"""Frozen pydantic models and errors: the only things modules pass each other."""
