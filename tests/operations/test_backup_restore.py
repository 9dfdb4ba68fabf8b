"""Backups that restore (docs/operations.md): a populated site is backed up, the database and
the media folder are wiped out, and the restore brings back every row and every file, on
SQLite and on PostgreSQL alike. A backup that does not match its manifest is refused."""

import hashlib
import json
import types
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from operations import backup as backup_module
from rendicion.models import Indicator, IndicatorMeasurement, PortalDocument, PortalImage
from tests.factories import DocumentFactory, ImageFactory, ReportFactory, png_bytes
from tests.workflow_helpers import build_roles

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


@pytest.fixture
def site():
    """Departments, pages with revisions, an indicator with a measurement, a document, a
    private and a public image, a page waiting in the workflow, and their log entries."""
    site = types.SimpleNamespace()
    build_roles(site)
    site.document = DocumentFactory(title="Informe de gestión 2021")
    site.private_image = ImageFactory(title="Foto sin usar", content=png_bytes("red"))
    site.report = ReportFactory(
        parent=site.section_educacion, title="Informe de Educación", live=False
    )
    site.report.save_revision(user=site.editor_educacion)
    site.report.get_workflow().start(site.report, site.editor_educacion)
    return site


def wipe_database():
    """Drop every table: what a new, empty database looks like."""
    connection.close()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(
                    f'DROP TABLE IF EXISTS "{table}"'
                )  # FTS shadow tables go with theirs
    assert connection.introspection.table_names() == []


def every_row():
    """Every row of every table the portal's models map, by model."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def media_sums(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def backup(destination=None):
    output = StringIO()
    call_command("backup", *([str(destination)] if destination else []), stdout=output)
    return Path(output.getvalue().strip().splitlines()[-1])


def restore(folder, *args):
    output = StringIO()
    call_command("restore", str(folder), *args, stdout=output)
    return output.getvalue()


def test_a_wiped_site_comes_back_whole(site, settings, backup_dir, client):
    rows_before = every_row()
    files_before = media_sums(settings.MEDIA_ROOT)
    # The backup has something of each kind to lose.
    for model in (
        Page,
        Revision,
        Indicator,
        IndicatorMeasurement,
        PortalDocument,
        PortalImage,
        WorkflowState,
        PageLogEntry,
    ):
        assert model.objects.exists(), model
    assert any(name.startswith("private/") for name in files_before)
    assert any(name.startswith("documents/") for name in files_before)

    folder = backup()
    assert folder.parent == backup_dir
    wipe_database()
    for path in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()

    output = restore(folder, "--yes")

    assert "Restaurado" in output
    assert every_row() == rows_before
    assert media_sums(settings.MEDIA_ROOT) == files_before
    document = PortalDocument.objects.get(pk=site.document.pk)
    with document.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == document.sha256
    report = Page.objects.get(pk=site.report.pk).specific
    assert report.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert report.get_latest_revision().user == site.editor_educacion
    # The restored site works: its pages are served and its sequences go on where they were.
    assert client.get(site.section_educacion.url).status_code == 200
    new = DocumentFactory(title="Después de restaurar")
    assert new.pk > max(row["id"] for row in rows_before["rendicion.PortalDocument"])


def test_the_manifest_lists_every_file_with_its_sha256(site, settings, backup_dir):
    folder = backup()
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    on_disk = media_sums(folder)
    on_disk.pop("MANIFEST.json")
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == on_disk
    assert {name.removeprefix("media/") for name in on_disk if name.startswith("media/")} == set(
        media_sums(settings.MEDIA_ROOT)
    )
    database_file = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
    assert database_file[connection.vendor] in manifest["files"]
    assert manifest["engine"] == connection.vendor
    assert "rendicion.0001_initial" in manifest["migrations"]
    # The operator records this sum elsewhere; restore --manifest-sha256 checks it.
    assert hashlib.sha256((folder / "MANIFEST.json").read_bytes()).hexdigest() in (
        (backup_dir / f"{folder.name}.sha256").read_text()
    )


def current_state(settings):
    return Page.objects.count(), media_sums(settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("change_database", "database.* no coincide con su suma SHA-256"),
        ("change_document", "media/documents/.* no coincide con su suma SHA-256"),
        ("remove_document", "falta media/documents/"),
        ("add_file", "media/planted.pdf no está en el manifiesto"),
        ("other_engine", "La copia es de una base de datos"),
        ("newer_code", "versión más reciente del portal"),
        ("no_manifest", "no tiene MANIFEST.json"),
    ],
)
def test_a_damaged_backup_is_refused_and_nothing_changes(
    site, settings, backup_dir, damage, message
):
    folder = backup()
    manifest_path = folder / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    document = next(folder.glob("media/documents/*"))
    if damage == "change_database":
        database = next(folder.glob("database.*"))
        data = bytearray(database.read_bytes())
        data[len(data) // 2] ^= 0xFF
        database.write_bytes(bytes(data))
    elif damage == "change_document":
        document.write_bytes(document.read_bytes().replace(b"%%EOF", b"%%EOX"))
    elif damage == "remove_document":
        document.unlink()
    elif damage == "add_file":
        (folder / "media/planted.pdf").write_bytes(b"%PDF-1.4\n")
    elif damage == "other_engine":
        manifest["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    elif damage == "newer_code":
        manifest["migrations"].append("rendicion.9999_from_the_future")
    elif damage == "no_manifest":
        manifest_path.unlink()
    if manifest_path.exists():
        manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    # What the site has now, changed since the backup: a restore that went ahead would lose it.
    ReportFactory(parent=site.section_salud, title="Informe posterior a la copia")
    ImageFactory(title="Foto posterior")
    before = current_state(settings)

    with pytest.raises(CommandError, match=message):
        restore(folder, "--yes")

    assert current_state(settings) == before
    assert not list(Path(settings.MEDIA_ROOT).parent.glob("*restoring*"))


def test_check_only_verifies_and_changes_nothing(site, settings, backup_dir):
    folder = backup()
    ReportFactory(parent=site.section_salud, title="Informe posterior a la copia")
    before = current_state(settings)
    assert "coinciden" in restore(folder, "--check")
    assert current_state(settings) == before


def test_a_manifest_whose_sum_the_operator_did_not_record_is_refused(site, settings, backup_dir):
    """The sums inside MANIFEST.json catch damage; the sum of MANIFEST.json itself, kept apart
    from the backup, catches a backup whose files and manifest were both rewritten."""
    folder = backup()
    recorded = (backup_dir / f"{folder.name}.sha256").read_text().split()[0]
    manifest_path = folder / "MANIFEST.json"
    manifest_path.write_text(manifest_path.read_text().replace('"created"', '"created" '))
    with pytest.raises(CommandError, match="La suma SHA-256 de MANIFEST.json"):
        restore(folder, "--yes", "--manifest-sha256", recorded)
    manifest_path.write_text(manifest_path.read_text().replace('"created" ', '"created"'))
    assert "Restaurado" in restore(folder, "--yes", "--manifest-sha256", recorded)


def test_restore_asks_before_replacing_the_site(site, settings, backup_dir, monkeypatch):
    folder = backup()
    ReportFactory(parent=site.section_salud, title="Informe posterior a la copia")
    before = current_state(settings)
    monkeypatch.setattr("sys.stdin", StringIO(""))  # not a terminal: nobody to ask
    with pytest.raises(CommandError, match="confírmelo con --yes"):
        restore(folder)
    assert current_state(settings) == before


def test_the_replaced_media_folder_is_kept_not_deleted(site, settings, backup_dir):
    folder = backup()
    later = ImageFactory(title="Foto posterior")
    later_file = Path(later.file.path)  # under private/: a new image is not public yet
    relative = later_file.relative_to(settings.MEDIA_ROOT)
    output = restore(folder, "--yes")
    kept = next(Path(settings.MEDIA_ROOT).parent.glob("media.before-restore-*"))
    assert str(kept) in output
    assert (kept / relative).read_bytes() == png_bytes()
    assert not later_file.exists()
    assert not PortalImage.objects.filter(pk=later.pk).exists()
    assert Path(settings.MEDIA_ROOT).stat().st_mode & 0o777 == kept.stat().st_mode & 0o777


def test_a_failed_backup_leaves_no_half_written_folder(site, backup_dir, monkeypatch):
    def disk_full(source, target):
        raise OSError(28, "No queda espacio en el disco")

    monkeypatch.setattr(backup_module, "copy_and_hash", disk_full)
    with pytest.raises(CommandError, match="No se hizo la copia"):
        backup()
    assert list(backup_dir.iterdir()) == []
