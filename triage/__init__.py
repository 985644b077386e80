"""Staff triage rules: queue order and filters, dossier states, decisions, messages."""
