"""Send e-mails through the configured SMTP server; failures become JustifError."""

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from schemas.errors import ConfigError, JustifError
from settings.app import Settings


class MailError(JustifError):
    """The mail server refused a message or could not be reached."""


def message(sender: str, recipient: str, subject: str, body: str) -> EmailMessage:
    """A plain-text French e-mail (UTF-8)."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, recipient, subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    mail.set_content(body)
    return mail


@contextmanager
def smtp_connection(settings: Settings) -> Iterator[smtplib.SMTP]:
    """One connection for a batch of messages, with STARTTLS and login when configured."""
    if not settings.smtp_host or not settings.smtp_sender:
        raise ConfigError("serveur de messagerie non configuré : définissez JUSTIF_SMTP_HOST "
                          "et JUSTIF_SMTP_SENDER")
    try:
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port,
                              timeout=settings.smtp_timeout_seconds)
    except OSError as exc:
        raise MailError(f"serveur de messagerie {settings.smtp_host}:{settings.smtp_port} "
                        f"injoignable ({type(exc).__name__})") from None
    try:
        if settings.smtp_starttls:
            client.starttls(context=ssl.create_default_context())
        if settings.smtp_username and settings.smtp_password is not None:
            client.login(settings.smtp_username, settings.smtp_password.get_secret_value())
        yield client
    except smtplib.SMTPException as exc:
        raise MailError(f"serveur de messagerie : {type(exc).__name__}") from None
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def send(client: smtplib.SMTP, mail: EmailMessage) -> None:
    """Hand one message to the server; a refusal is a MailError naming its kind only."""
    try:
        client.send_message(mail)
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"message refusé ({type(exc).__name__})") from None
