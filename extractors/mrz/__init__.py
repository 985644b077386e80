"""Machine-readable zones of identity documents (ICAO 9303 and the French 1988-2021 card)."""
