"""Build the MinIO client from settings and turn its failures into justif's storage errors."""

import http.client
import ssl
from collections.abc import Iterator
from contextlib import contextmanager

import urllib3
from minio import Minio
from minio.error import InvalidResponseError, S3Error, ServerError

from schemas.errors import SourceNotFound, StorageAuthError, StorageUnavailable
from settings.app import Settings

_AUTH_CODES = frozenset({
    "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken",
    "ExpiredToken", "AuthorizationHeaderMalformed", "InvalidSecurity",
})
_NOT_FOUND_CODES = frozenset({"NoSuchBucket", "NoSuchKey", "NoSuchObject"})


def make_client(settings: Settings) -> Minio:
    """A MinIO client with short connection timeouts and a couple of quick HTTP retries.

    Longer outages are the flow's business: its storage tasks retry with a delay.
    """
    access_key, secret_key = settings.s3_credentials()
    pool_options: dict[str, object] = {
        "timeout": urllib3.Timeout(connect=5.0, read=settings.s3_timeout_seconds),
        "retries": urllib3.Retry(total=2, backoff_factor=0.2,
                                 status_forcelist=(500, 502, 503, 504)),
        "maxsize": 4,
    }
    if settings.s3_secure:
        if not settings.s3_cert_check:
            pool_options["cert_reqs"] = ssl.CERT_NONE
        elif settings.s3_ca_bundle is not None:
            pool_options["ca_certs"] = str(settings.s3_ca_bundle)
    return Minio(
        settings.s3_endpoint,
        access_key=access_key,
        secret_key=secret_key,
        secure=settings.s3_secure,
        region=settings.s3_region,
        cert_check=settings.s3_cert_check,
        http_client=urllib3.PoolManager(**pool_options),
    )


@contextmanager
def storage_errors(endpoint: str, what: str) -> Iterator[None]:
    """Translate MinIO and urllib3 exceptions raised while doing `what` into JustifErrors."""
    try:
        yield
    except S3Error as exc:
        if exc.code in _AUTH_CODES:
            raise StorageAuthError(
                f"stockage S3 {endpoint} : identifiants refusés ({exc.code}) pour {what} ; "
                "vérifiez JUSTIF_S3_ACCESS_KEY et JUSTIF_S3_SECRET_KEY") from None
        if exc.code in _NOT_FOUND_CODES:
            raise SourceNotFound(f"stockage S3 {endpoint} : {what} introuvable ({exc.code})"
                                 ) from None
        raise StorageUnavailable(f"stockage S3 {endpoint} : échec de {what} ({exc.code})"
                                 ) from None
    except (ServerError, InvalidResponseError) as exc:
        raise StorageUnavailable(
            f"stockage S3 {endpoint} : réponse invalide pendant {what} "
            f"(HTTP {getattr(exc, 'status_code', '?')})") from None
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
        raise StorageUnavailable(
            f"stockage S3 {endpoint} injoignable pendant {what} ({type(exc).__name__}) ; "
            "vérifiez JUSTIF_S3_ENDPOINT, JUSTIF_S3_SECURE et que le serveur tourne") from None
