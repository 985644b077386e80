"""`justif remind`: one e-mail per incomplete dossier, never twice for the same state."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

console = Console()
errors = Console(stderr=True)


def remind(
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Lister les messages sans rien envoyer ni enregistrer")] = False,
    session_config: Annotated[Path | None, typer.Option(help="Fichier YAML de la session")
                              ] = None,
) -> None:
    """Relance par courriel chaque candidat dont le dossier est incomplet."""
    from cli.main import _settings
    from database.engine import connect
    from database.reminders import record_reminder, sent_states
    from database.repository import now
    from database.triage import dossier_states, findings_of
    from mailer.smtp import MailError, message, send, smtp_connection
    from reporting.reminders import compose_reminder
    from settings.session import load_session_rules
    from triage.status import awaits_candidate

    settings = _settings()
    rules = load_session_rules(session_config or settings.session_config)
    if now() > rules.deadline:
        deadline = rules.deadline.astimezone(rules.zone)
        errors.print(f"Date limite passée ({deadline:%d/%m/%Y %H:%M}) : aucune relance. Les "
                     "dossiers encore incomplets sont à annuler (tableau de bord de "
                     "l'application).")
        return
    engine = connect(settings.db_url)
    states = [s for s in dossier_states(engine, rules.session) if awaits_candidate(s)]
    findings = findings_of(engine, [s.verification_id for s in states])
    already = sent_states(engine)
    mails = [mail for state in states
             if (mail := compose_reminder(state, findings[state.verification_id], rules))
             and (mail.dossier_id, mail.state_key) not in already]
    skipped = len(states) - len(mails)
    if dry_run:
        table = Table("candidat", "destinataire", "pièces à fournir")
        for mail in mails:
            table.add_row(mail.candidate_id, mail.recipient, "\n".join(mail.items))
        console.print(table)
        console.print(f"{len(mails)} message(s) à envoyer ; {skipped} dossier(s) incomplet(s) "
                      "déjà relancé(s) dans le même état ou sans adresse. Rien n'a été envoyé.")
        return
    sent = failed = 0
    if mails:
        with smtp_connection(settings) as client:
            for mail in mails:
                try:
                    send(client, message(settings.smtp_sender or "", mail.recipient,
                                         mail.subject, mail.body))
                except MailError as exc:
                    record_reminder(engine, mail, sent=False, error=str(exc))
                    failed += 1
                    continue
                record_reminder(engine, mail, sent=True)
                sent += 1
    console.print(f"{sent} message(s) envoyé(s), {failed} en échec (consignés, renvoyés au "
                  f"prochain passage) ; {skipped} dossier(s) déjà relancé(s) dans le même état.")
