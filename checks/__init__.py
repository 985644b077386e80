"""Pure functions from a dossier's facts to findings; the ordered list is in checks.registry."""
