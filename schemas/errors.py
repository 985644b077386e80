"""One base exception for justif and its typed subclasses; messages say how to fix the problem."""


class JustifError(Exception):
    """Base of every error justif raises on purpose; its message is shown to the user as is."""


class ConfigError(JustifError):
    """A setting or the session configuration file is missing or invalid."""


class SourceError(JustifError):
    """A dossier source cannot be used (missing, wrong layout, malformed export)."""


class SourceNotFound(SourceError):
    """The directory, bucket or prefix does not exist."""


class AccountsFileError(SourceError):
    """accounts.csv is missing or malformed; carries the line and column at fault."""

    def __init__(self, message: str, *, line: int | None = None,
                 column: str | None = None) -> None:
        where = []
        if line is not None:
            where.append(f"ligne {line}")
        if column is not None:
            where.append(f"colonne « {column} »")
        prefix = f"accounts.csv, {', '.join(where)} : " if where else "accounts.csv : "
        super().__init__(prefix + message)
        self.line = line
        self.column = column


class StorageError(JustifError):
    """Object storage refused or failed a request."""


class StorageUnavailable(StorageError):
    """The storage server cannot be reached or failed mid-request; retrying may help."""


class StorageAuthError(StorageError):
    """The storage server refused the credentials; retrying will not help."""
