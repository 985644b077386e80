"""Synthetic dossiers for the demo, the tests and the evaluation corpus (no real person)."""
