"""Configuration read once at an entry point: environment settings and the session's rules."""
