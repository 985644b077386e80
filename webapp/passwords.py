"""Password hashing for staff accounts (argon2id, the library's current parameters)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from schemas.errors import JustifError

_HASHER = PasswordHasher()
MIN_LENGTH = 12
# Verifying against this when the username is unknown keeps sign-in time the same either way.
_DECOY = _HASHER.hash("justif-decoy-password")


def hash_password(password: str) -> str:
    """An argon2id hash; short passwords are refused with the rule to follow."""
    if len(password) < MIN_LENGTH:
        raise JustifError(f"mot de passe trop court : {MIN_LENGTH} caractères au moins")
    return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether the password is the account's; None (unknown account) never matches."""
    try:
        _HASHER.verify(stored_hash or _DECOY, password)
    except (VerificationError, InvalidHashError):
        return False
    return stored_hash is not None
