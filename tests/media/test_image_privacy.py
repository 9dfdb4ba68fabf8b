"""Images are private until a public page uses them (docs/private-media.md).

The tests play the portal behind its web server (``tests/urls_media.py``: the public media
folders served from disk, as nginx is told to, then Django) and look at what a visitor gets:
HTTP status, bytes, and the addresses in a page's HTML. They are transactional, because the
public copies follow the database after each commit, as in production. Files are real, in a
per-test MEDIA_ROOT.
"""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images.utils import generate_signature
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    PageViewRestriction,
)

from rendicion.models import PortalImage, PublicCollection, ReportPage
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DocumentFactory,
    EncounterFactory,
    ImageFactory,
    ReportFactory,
    home_page,
    png_bytes,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.urls_media")]

IMG_SRC = re.compile(r'<img[^>]+src="([^"]+)"')


# --- Helpers -------------------------------------------------------------------------------

def fetch(client, url):
    """(status, bytes) of a GET, streamed or not."""
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code, b""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return 200, content


def stored_bytes(file):
    with file.storage.open(file.name, "rb") as handle:
        return handle.read()


def image_stream(*images):
    return [{"type": "image", "value": {"image": image.pk, "alt_text": "Foto", "caption": ""}}
            for image in images]


def image_sources(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return IMG_SRC.findall(response.content.decode())


def public_media_url(file):
    return f"/media/{file.name}"


def checked_url(image, file):
    return f"/imagenes/{image.pk}/{file.name}"


def assert_public(client, image, *renditions):
    for file in (image.file, *(r.file for r in renditions)):
        assert fetch(client, public_media_url(file)) == (200, stored_bytes(file)), file.name


def assert_private(client, image, *renditions):
    """Nothing an outsider could type gives the files: the addresses where public copies
    would be, the private area itself (plain and climbing out of a public folder), the
    checked view, and Wagtail's dynamic image address."""
    for file in (image.file, *(r.file for r in renditions)):
        for url in (public_media_url(file), checked_url(image, file),
                    f"/media/private/{file.name}", f"/imagenes/{image.pk}/private/{file.name}"):
            assert fetch(client, url)[0] == 404, url
        for url in (f"/media/images/../private/{file.name}",
                    f"/media/original_images/%2e%2e/private/{file.name}",
                    f"/media/images/..%2f..%2fprivate/{file.name}"):
            assert fetch(client, url)[0] in (400, 404), url
    signature = generate_signature(image.pk, "width-800")
    assert fetch(client, f"/images/{signature}/{image.pk}/width-800/")[0] == 404


def reload(image):
    return PortalImage.objects.get(pk=image.pk)


# --- Fixtures ------------------------------------------------------------------------------

@pytest.fixture
def cycle():
    return CycleFactory(parent=home_page(), year=2021)


@pytest.fixture
def image():
    return ImageFactory(title="Audiencia pública", content=png_bytes("blue", (40, 30)))


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("editora", "editora@example.org", "x")


@pytest.fixture
def chooser():
    """An editor of Participación Comunitaria (who reaches every department's files, see
    rendicion.editorial.scope) who may choose images of the root collection (and its
    sub-collections), and nothing else with them."""
    group = Group.objects.create(name="Eligen imágenes")
    DepartmentFactory(
        name="Secretaría de Participación Comunitaria", coordinates_process=True,
        editors_group=group,
    )
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=group, collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailimages",
                                          codename="choose_image"))
    user = get_user_model().objects.create_user("elige", password="x")
    user.groups.add(group)
    return user


# --- Private until a public page uses it ---------------------------------------------------

def test_unused_image_and_its_renditions_are_unreachable(client, image):
    rendition = image.get_rendition("width-800")  # e.g. made by the admin's listing
    assert_private(client, image, rendition)


def test_image_on_a_published_page_is_served_from_disk_until_unpublished(client, cycle, image):
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(image))

    (src,) = image_sources(client, page.url)
    assert src.startswith("/media/images/")
    rendition = reload(image).renditions.get()
    assert src == public_media_url(rendition.file)
    assert fetch(client, src) == (200, stored_bytes(rendition.file))
    assert client.get(src)["X-Content-Type-Options"] == "nosniff"
    assert_public(client, image, rendition)

    ReportPage.objects.get(pk=page.pk).unpublish()
    assert_private(client, image, rendition)

    page.get_latest_revision().publish()
    assert_public(client, image, rendition)


def test_removing_the_image_from_the_live_page_withdraws_it(client, cycle, image):
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(image))
    assert_public(client, image)
    page.body = []
    page.save_revision().publish()
    assert_private(client, image)


def test_rendition_made_for_a_public_image_is_public_at_once(client, cycle, image):
    ReportFactory(parent=cycle, title="Informe", body=image_stream(image))
    rendition = reload(image).get_rendition("fill-20x20")
    assert rendition.url == public_media_url(rendition.file)
    assert fetch(client, rendition.url) == (200, stored_bytes(rendition.file))
    several = reload(image).get_renditions("width-10", "width-12")
    for made in several.values():
        assert fetch(client, made.url) == (200, stored_bytes(made.file))


def test_a_draft_of_a_live_page_that_adds_an_image_publishes_nothing(client, cycle, image,
                                                                       superuser):
    page = EncounterFactory(parent=cycle, title="Encuentro publicado")
    page.body = image_stream(image)
    page.save_revision()  # awaiting approval
    assert_private(client, image)
    assert image_sources(client, page.url) == []

    # The editor previewing the draft sees the image, through the checked view.
    client.force_login(superuser)
    (src,) = image_sources(client, reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    rendition = reload(image).renditions.get()
    assert src == checked_url(image, rendition.file)
    assert fetch(client, src) == (200, stored_bytes(rendition.file))
    client.logout()
    assert_private(client, image, rendition)

    page.get_latest_revision().publish()
    assert image_sources(client, page.url) == [public_media_url(rendition.file)]
    assert_public(client, image, rendition)


def test_image_on_a_private_page_stays_private(client, cycle, image):
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(image))
    assert_public(client, image)
    restriction = PageViewRestriction.objects.create(page=cycle, restriction_type="login")
    assert_private(client, image)
    restriction.delete()
    assert_public(client, image)
    assert page.live


def test_deleting_or_moving_the_page_withdraws_its_images(client, cycle, image):
    other = ImageFactory(title="Otra foto")
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(image))
    moved = ReportFactory(parent=cycle, title="Informe movido", body=image_stream(other))
    draft_cycle = CycleFactory(parent=home_page(), year=2030, live=False)
    ReportFactory(parent=draft_cycle, title="Borrador", live=False)
    assert_public(client, image)
    assert_public(client, other)

    ReportPage.objects.get(pk=page.pk).delete()
    assert_private(client, image)
    ReportPage.objects.get(pk=moved.pk).move(draft_cycle, pos="last-child")
    assert_private(client, other)


# --- Collections ---------------------------------------------------------------------------

def test_image_in_a_public_collection_is_public_while_it_stays_there(client):
    root = Collection.get_first_root_node()
    gallery = root.add_child(name="Galería")
    image = ImageFactory(collection=gallery)
    assert_private(client, image)

    designation = PublicCollection.objects.create(collection=gallery)
    assert_public(client, image)
    assert reload(image).url == public_media_url(image.file)

    image = reload(image)
    image.collection = root  # moved out of the public collection
    image.save()
    assert_private(client, image)
    image.collection = gallery
    image.save()
    assert_public(client, image)

    designation.delete()
    assert_private(client, image)


def test_image_uploaded_into_a_sub_collection_of_a_public_one_is_public(client):
    gallery = Collection.get_first_root_node().add_child(name="Galería")
    PublicCollection.objects.create(collection=gallery)
    image = ImageFactory(collection=gallery.add_child(name="Audiencia 2021"))
    assert_public(client, image)


def test_collection_with_privacy_keeps_its_images_private_whatever_uses_them(client, cycle,
                                                                             chooser):
    root = Collection.get_first_root_node()
    reserved = root.add_child(name="Reservado")
    image = ImageFactory(collection=reserved)
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(image))
    assert_public(client, image)

    CollectionViewRestriction.objects.create(collection=reserved, restriction_type="login")
    PublicCollection.objects.create(collection=reserved)
    (src,) = image_sources(client, page.url)
    rendition = reload(image).renditions.get()
    assert src == checked_url(image, rendition.file)  # no public copy to link
    assert_private(client, image, rendition)
    client.force_login(chooser)
    assert fetch(client, src) == (200, stored_bytes(rendition.file))


# --- Who sees a private image --------------------------------------------------------------

def test_an_editor_who_may_choose_the_image_gets_it_through_the_checked_view(client, image,
                                                                             chooser):
    rendition = image.get_rendition("max-165x165")
    client.force_login(chooser)
    for file in (image.file, rendition.file):
        url = reload(image).file.url if file == image.file else rendition.url
        assert url == checked_url(image, file)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == stored_bytes(file)
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    # The checked view serves the image's own files only.
    other = ImageFactory(collection=Collection.get_first_root_node().add_child(name="Otra"))
    assert fetch(client, checked_url(image, other.file))[0] == 404
    client.logout()
    assert_private(client, image, rendition)


def test_permissions_on_another_collection_or_none_give_404(client, image):
    user = get_user_model().objects.create_user("ciudadana", password="x")
    client.force_login(user)
    assert fetch(client, checked_url(image, image.file))[0] == 404

    elsewhere = Collection.get_first_root_node().add_child(name="Otra dependencia")
    group = Group.objects.create(name="Eligen en otra colección")
    GroupCollectionPermission.objects.create(
        group=group, collection=elsewhere,
        permission=Permission.objects.get(content_type__app_label="wagtailimages",
                                          codename="choose_image"))
    user.groups.add(group)
    assert fetch(client, checked_url(image, image.file))[0] == 404


def test_admin_listing_and_chooser_show_private_images_to_editors(client, image, superuser):
    client.force_login(superuser)
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        response = client.get(url)
        html = response.content.decode() if not response.get("Content-Type", "").startswith(
            "application/json") else response.json()["html"]
        sources = [src for src in IMG_SRC.findall(html) if f"/imagenes/{image.pk}/" in src]
        assert sources, url
        assert all(fetch(client, src)[0] == 200 for src in sources)


def test_images_uploaded_in_the_admin_are_private_unless_the_collection_is_public(client,
                                                                                   superuser):
    root = Collection.get_first_root_node()
    gallery = root.add_child(name="Galería")
    PublicCollection.objects.create(collection=gallery)
    client.force_login(superuser)
    for collection, filename in ((root, "privada.png"), (gallery, "publica.png")):
        response = client.post(reverse("wagtailimages:add_multiple"), {
            "files[]": ImageFile(ContentFile(png_bytes("white")), name=filename),
            "collection": collection.pk,
        })
        assert response.json()["success"], response.content
    client.logout()
    private = PortalImage.objects.get(collection=root)
    public = PortalImage.objects.get(collection=gallery)
    assert_private(client, private)
    assert_public(client, public)


# --- Files changed or deleted --------------------------------------------------------------

def test_replacing_the_file_of_a_public_image_withdraws_the_old_one(client, cycle, image,
                                                                    superuser):
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(image))
    image_sources(client, page.url)  # a visit makes the rendition
    old = reload(image)
    old_rendition = old.renditions.get()
    old_urls = [public_media_url(old.file), public_media_url(old_rendition.file)]
    assert_public(client, old, old_rendition)

    client.force_login(superuser)
    new_content = png_bytes("red", (30, 20))
    response = client.post(reverse("wagtailimages:edit", args=[image.pk]), {
        "title": "Audiencia pública", "collection": old.collection_id, "tags": "",
        "description": "", "caption": "", "credit": "",
        "file": ImageFile(ContentFile(new_content), name="audiencia-corregida.png"),
        "focal_point_x": "", "focal_point_y": "", "focal_point_width": "",
        "focal_point_height": "",
    })
    assert response.status_code == 302, response.context["form"].errors
    client.logout()

    new = reload(image)
    assert new.file.name != old.file.name
    for url in old_urls:
        assert fetch(client, url)[0] == 404
    assert fetch(client, new.url) == (200, new_content)
    assert_public(client, new)


def test_deleting_a_public_image_removes_its_public_copies(client, cycle, image):
    ReportFactory(parent=cycle, title="Informe", body=image_stream(image))
    image = reload(image)
    rendition = image.get_rendition("width-100")
    urls = [public_media_url(image.file), public_media_url(rendition.file)]
    assert all(fetch(client, url)[0] == 200 for url in urls)
    image.delete()
    assert all(fetch(client, url)[0] == 404 for url in urls)


# --- Reconciliation ------------------------------------------------------------------------

def _as_before_this_change(*files):
    """Put files where they were stored before images were private: straight in the public
    folders, no private file."""
    for file in files:
        target = Path(settings.MEDIA_ROOT, file.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(stored_bytes(file))
        file.storage.delete(file.name)


def test_sync_media_privacy_repairs_whatever_it_finds(client, cycle, chooser):
    public = ImageFactory(title="Pública")
    private = ImageFactory(title="Privada")
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(public))
    image_sources(client, page.url)  # a visit makes the rendition
    public = reload(public)
    rendition = public.renditions.get()
    public_bytes, private_bytes = stored_bytes(public.file), stored_bytes(private.file)
    # Damage: a public copy lost, the private image's file left where the web server serves
    # it (as before this change), and a stray file nobody knows.
    Path(settings.MEDIA_ROOT, rendition.file.name).unlink()
    _as_before_this_change(private.file)
    Path(settings.MEDIA_ROOT, "original_images", "suelta.png").write_bytes(png_bytes("black"))
    assert fetch(client, public_media_url(private.file))[0] == 200  # the finding

    call_command("sync_media_privacy", verbosity=0)
    assert_public(client, public, rendition)
    assert fetch(client, public_media_url(public.file)) == (200, public_bytes)
    assert_private(client, private)
    assert fetch(client, "/media/original_images/suelta.png")[0] == 404
    # Nothing was lost: the editor still gets the private image.
    client.force_login(chooser)
    assert fetch(client, checked_url(private, private.file)) == (200, private_bytes)

    call_command("sync_media_privacy", verbosity=0)  # idempotent
    client.logout()
    assert_public(client, public, rendition)
    assert_private(client, private)


def test_migration_moves_earlier_files_out_of_public_reach(client, chooser):
    image = ImageFactory()
    rendition = image.get_rendition("width-100")
    content = stored_bytes(image.file)
    _as_before_this_change(image.file, rendition.file)
    assert fetch(client, public_media_url(image.file)) == (200, content)  # the finding

    migration = importlib.import_module("rendicion.migrations.0007_private_images")
    migration.move_image_files_into_private_area(apps, None)
    assert_private(client, image, rendition)
    client.force_login(chooser)
    assert fetch(client, checked_url(image, image.file)) == (200, content)


def test_public_media_routes_serve_no_documents(client, cycle):
    document = DocumentFactory()
    ReportFactory(parent=cycle, documents=[
        {"type": "document", "value": {"document": document.pk, "description": ""}}])
    assert fetch(client, f"/media/{document.file.name}")[0] == 404
    assert fetch(client, f"/media/images/../{document.file.name}")[0] in (400, 404)
    assert fetch(client, document.url)[0] == 200  # through its checked view


# --- The API and page rendering ------------------------------------------------------------

def test_api_gives_the_public_address_of_a_public_image(client):
    gallery = Collection.get_first_root_node().add_child(name="Galería")
    PublicCollection.objects.create(collection=gallery)
    image = ImageFactory(collection=gallery)
    detail = client.get(f"/api/v2/images/{image.pk}/").json()
    assert detail["meta"]["download_url"].endswith(public_media_url(image.file))
    assert fetch(client, public_media_url(image.file)) == (200, stored_bytes(image.file))


def test_image_addresses_cost_no_query_per_image(client, cycle):
    page = ReportFactory(parent=cycle, title="Informe", body=image_stream(ImageFactory()))

    def queries():
        client.get(page.url)  # warm: renditions made, caches filled
        with CaptureQueriesContext(connection) as context:
            sources = image_sources(client, page.url)
        return len(context), sources

    with_one, _ = queries()
    images = [ImageFactory() for _ in range(4)]
    page = ReportPage.objects.get(pk=page.pk)
    page.body = image_stream(*images)
    page.save_revision().publish()
    with_four, sources = queries()
    assert with_four == with_one
    assert len(sources) == 4 and all(src.startswith("/media/images/") for src in sources)
