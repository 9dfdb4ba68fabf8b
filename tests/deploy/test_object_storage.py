"""Media on an S3-compatible bucket (portal/media_storage.py): a real S3 server (moto's, on a
free port), the portal's own storages. Documents and image originals are private objects that
an anonymous request cannot read; the public copy of a public image is readable by anyone and
disappears when the image is withdrawn; a document's bytes and checksum survive the trip."""

import hashlib
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer
from wagtail.models import Collection

from caching.testing import free_port
from portal.media_storage import media_storages
from rendicion.media import storage as image_storage
from rendicion.media.privacy import reconcile_media, sync_image_privacy
from rendicion.models import PortalImage, PublicCollection
from tests.factories import DocumentFactory, ImageFactory, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh bucket, and the portal's media storages on it (as production builds them)."""
    name = f"portal-media-{uuid.uuid4().hex[:12]}"
    environ = {
        **CREDENTIALS,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**media_storages(environ), "staticfiles": settings.STORAGES["staticfiles"]}
    # The image fields took their storage when the models were imported: give them the bucket's.
    private = image_storage.private_image_storage()
    for model in (PortalImage, PortalImage.get_rendition_model()):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", private)
    client.url = f"{s3_endpoint}/{name}"
    client.name = name
    return client


def anonymous_get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_local_disk_unless_a_bucket_is_configured():
    storages = media_storages({})
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "public_images" not in storages

    on_s3 = media_storages({"AWS_STORAGE_BUCKET_NAME": "rendicion", **CREDENTIALS})
    assert on_s3["default"]["OPTIONS"]["default_acl"] == "private"
    assert on_s3["default"]["OPTIONS"]["querystring_auth"] is True
    assert on_s3["private_images"]["OPTIONS"]["location"] == "private"
    assert on_s3["private_images"]["OPTIONS"]["default_acl"] == "private"
    assert on_s3["public_images"]["OPTIONS"]["default_acl"] == "public-read"


def test_a_document_is_a_private_object_read_back_whole(bucket, client, admin_user):
    content = pdf_bytes("informe de gestión en el bucket")
    document = DocumentFactory(content=content, filename="informe.pdf")

    key = document.file.name
    assert key.startswith("documents/")
    stored = bucket.get_object(Bucket=bucket.name, Key=key)["Body"].read()
    assert stored == content
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    with default_storage.open(key) as file:
        assert file.read() == content
    # Not readable without credentials, at its plain address…
    assert anonymous_get(f"{bucket.url}/{key}")[0] == 403
    grants = bucket.get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)
    # …and any address the storage gives is signed and expires.
    assert "Signature" in default_storage.url(key) and "Expires" in default_storage.url(key)
    # The portal serves it through its checks: unused, it is 404 to the public.
    assert client.get(document.url).status_code == 404
    client.force_login(admin_user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content


def test_images_are_private_until_public_then_withdrawn(bucket, client):
    collection = Collection.get_first_root_node().add_child(name="Fotos")
    image = ImageFactory(collection=collection, content=png_bytes("red"), filename="foto.png")
    private_key = f"private/{image.file.name}"
    public_key = image.file.name
    assert public_key.startswith("original_images/")
    assert anonymous_get(f"{bucket.url}/{private_key}")[0] == 403
    assert anonymous_get(f"{bucket.url}/{public_key}")[0] == 404
    assert image.file.url == f"/imagenes/{image.pk}/{image.file.name}"
    assert client.get(image.file.url).status_code == 404

    PublicCollection.objects.create(collection=collection)
    assert sync_image_privacy().published == 1
    image.refresh_from_db()
    status, body = anonymous_get(image.file.url)  # the public copy's own address
    assert (status, body) == (200, png_bytes("red"))
    assert image.file.url == f"{bucket.url}/{public_key}"
    assert anonymous_get(f"{bucket.url}/{private_key}")[0] == 403  # the original stays private
    response = client.get(f"/imagenes/{image.pk}/{image.file.name}")  # the checked view
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes("red")

    PublicCollection.objects.all().delete()
    assert sync_image_privacy().withdrawn == 1
    assert anonymous_get(f"{bucket.url}/{public_key}")[0] in {403, 404}
    assert image_storage.private_exists(image.file.name)


def test_reconcile_takes_a_stray_public_object_into_the_private_area(bucket):
    bucket.put_object(
        Bucket=bucket.name, Key="images/suelta.png", Body=png_bytes("blue"), ACL="public-read"
    )
    assert anonymous_get(f"{bucket.url}/images/suelta.png")[0] == 200

    result = reconcile_media()

    assert result.adopted == 1
    assert anonymous_get(f"{bucket.url}/images/suelta.png")[0] in {403, 404}
    assert anonymous_get(f"{bucket.url}/private/images/suelta.png")[0] == 403
    assert image_storage.private_image_storage().open("images/suelta.png").read() == png_bytes(
        "blue"
    )
    assert image_storage.public_copy_names() == []


def test_health_check_writes_to_the_bucket(bucket, client):
    response = client.get("/salud/?format=json")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"
