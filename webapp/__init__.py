"""The staff web app: sign-in, triage queue, dossier pages, decisions (`justif serve`)."""
