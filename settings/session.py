"""Load a session's rules from its YAML file, with a digest that changes when the file does."""

import hashlib
from pathlib import Path

import yaml
from pydantic import ValidationError

from schemas.errors import ConfigError
from schemas.rules import SessionRules


def load_session_rules(path: Path) -> SessionRules:
    """Parse and validate a session file; errors name the file and the faulty key."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"fichier de session illisible : {path} ({exc.strerror})") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ConfigError(f"fichier de session {path} : YAML invalide ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"fichier de session {path} : une table de clés est attendue")
    data["digest"] = hashlib.sha256(raw).hexdigest()
    try:
        return SessionRules.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(racine)'} : {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"fichier de session {path} : {problems}") from None
