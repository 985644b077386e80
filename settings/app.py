"""Environment settings (JUSTIF_*): where data lives, which database, which object storage."""

from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.errors import ConfigError

BUNDLED_SESSION = Path(__file__).parent / "sessions" / "nantes-2026.yaml"

# Credentials that ship with servers' documentation: a deployment that still uses them is
# reachable by anyone who read that documentation.
PLACEHOLDER_SECRETS = frozenset({"changeme", "changethis", "minioadmin", "secret", "password"})


class Settings(BaseSettings):
    """Values from JUSTIF_* environment variables, then .env, then the local S3 server's file."""

    model_config = SettingsConfigDict(
        env_prefix="JUSTIF_",
        # Later files win: a user's .env overrides what `justif s3-local start` wrote.
        env_file=("var/local-s3/credentials.env", ".env"),
        extra="ignore",
    )

    data_dir: Path = Path("var")
    database_url: str | None = None
    session_config: Path = BUNDLED_SESSION

    s3_endpoint: str = "127.0.0.1:8333"
    s3_access_key: str | None = None
    s3_secret_key: SecretStr | None = None
    s3_secure: bool = True
    s3_cert_check: bool = True
    s3_ca_bundle: Path | None = None
    s3_region: str | None = None
    s3_timeout_seconds: float = 30.0
    # A storage outage is waited out this many times, this long apart, before the run fails.
    storage_retries: int = 3
    storage_retry_delay_seconds: float = 5.0
    # Staff app: a sign-in lasts a working day; cookies are Secure unless served over plain
    # HTTP on purpose (a local trial), which `justif serve` says when it starts.
    web_session_hours: float = 8.0
    web_secure_cookies: bool = True
    # Scheduled verification (`justif schedule`): three runs a day, Paris time, and where.
    schedule_cron: str = "0 7,13,19 * * *"
    schedule_timezone: str = "Europe/Paris"
    schedule_source: str | None = None
    # Reminders (`justif remind`): the office's mail server.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_sender: str | None = None
    smtp_timeout_seconds: float = 30.0

    @field_validator("s3_secret_key")
    @classmethod
    def _refuse_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("clé secrète S3 par défaut refusée : créez une clé propre à justif")
        return value

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL; a SQLite file in the data directory unless configured."""
        return self.database_url or f"sqlite:///{self.data_dir.resolve() / 'justif.sqlite3'}"

    def s3_credentials(self) -> tuple[str, str]:
        """The S3 key pair, or a ConfigError that says which variable to set."""
        if not self.s3_access_key or self.s3_secret_key is None:
            raise ConfigError(
                "identifiants S3 absents : définissez JUSTIF_S3_ACCESS_KEY et "
                "JUSTIF_S3_SECRET_KEY (ou lancez `justif s3-local start` pour le serveur local)"
            )
        return self.s3_access_key, self.s3_secret_key.get_secret_value()


def load_settings() -> Settings:
    """Read the settings, turning validation errors into one readable ConfigError."""
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"JUSTIF_{'_'.join(str(p) for p in err['loc']).upper()} : {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"réglages invalides : {problems}") from None
