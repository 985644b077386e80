import pytest
from minio import Minio

from schemas.errors import SourceError, SourceNotFound, StorageAuthError, StorageUnavailable
from settings.app import Settings
from storage.local_server import free_port
from storage.s3 import make_client
from storage.sources import LocalSource, S3Source, open_source, parse_s3_uri
from storage.upload import upload_directory

pytestmark = pytest.mark.s3


def settings_for(server, **changes) -> Settings:
    values = {"s3_endpoint": server.endpoint, "s3_access_key": server.access_key,
              "s3_secret_key": server.secret_key, "s3_secure": False}
    values.update(changes)
    return Settings(**values)


def test_a_directory_and_its_s3_copy_list_the_same_keys_and_bytes(samples, s3_env):
    settings = settings_for(s3_env)
    client = make_client(settings)
    count = upload_directory(samples, "s3://sources-test/copy", client, settings.s3_endpoint)
    local, remote = LocalSource(samples), open_source("s3://sources-test/copy", settings)
    local_objects = {o.key: o for o in local.list_objects()}
    remote_objects = {o.key: o for o in remote.list_objects()}
    assert len(remote_objects) == count == len(local_objects)
    assert set(local_objects) == set(remote_objects)
    for key, obj in local_objects.items():
        assert remote_objects[key].size == obj.size
    key = next(iter(local_objects.keys() - {"accounts.csv", "uploads.csv"}))
    assert remote.read(key, 10**8) == local.read(key, 10**8)


def test_reads_stop_just_past_the_limit(samples, s3_env):
    settings = settings_for(s3_env)
    upload_directory(samples, "s3://sources-test/limit", make_client(settings),
                     settings.s3_endpoint)
    remote = open_source("s3://sources-test/limit", settings)
    key = next(o.key for o in remote.list_objects() if o.size > 5000)
    assert len(remote.read(key, 1000)) == 1001
    assert remote.read("pieces/none.jpg", 1000) is None


def test_wrong_keys_are_refused_as_such(s3_env):
    with pytest.raises(StorageAuthError, match="identifiants refusés"):
        open_source("s3://sources-test", settings_for(s3_env, s3_secret_key="x" * 30))
    with pytest.raises(StorageAuthError):
        open_source("s3://sources-test", settings_for(s3_env, s3_access_key="nobody"))


def test_missing_bucket_directory_and_bad_uri(s3_env, tmp_path):
    with pytest.raises(SourceNotFound, match="introuvable"):
        open_source("s3://no-such-bucket/x", settings_for(s3_env))
    with pytest.raises(SourceNotFound):
        open_source(str(tmp_path / "absent"), settings_for(s3_env))
    with pytest.raises(SourceError):
        parse_s3_uri("s3:///prefix")


def test_unreachable_storage_is_an_outage_with_the_endpoint_named(s3_env):
    endpoint = f"127.0.0.1:{free_port()}"
    with pytest.raises(StorageUnavailable, match=endpoint):
        open_source("s3://sources-test", settings_for(s3_env, s3_endpoint=endpoint))


def test_missing_credentials_say_which_variables_to_set():
    from schemas.errors import ConfigError

    with pytest.raises(ConfigError, match="JUSTIF_S3_ACCESS_KEY"):
        make_client(Settings())


def test_placeholder_secrets_are_refused():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Settings(s3_secret_key="minioadmin")


def test_s3_source_accepts_a_bucket_root(s3_env, samples):
    settings = settings_for(s3_env)
    client = Minio(s3_env.endpoint, access_key=s3_env.access_key,
                   secret_key=s3_env.secret_key, secure=False)
    upload_directory(samples, "s3://bucket-root", client, settings.s3_endpoint)
    source = S3Source(make_client(settings), settings.s3_endpoint, "bucket-root", "")
    assert any(o.key == "accounts.csv" for o in source.list_objects())
