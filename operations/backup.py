"""Backups that restore: the database and every media file, with a manifest of SHA-256 sums.

A backup is a folder::

    rendicion-backup-20261203T101500Z/
        MANIFEST.json        what is in it, with the SHA-256 and size of every file
        database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
        database.pgdump      PostgreSQL: pg_dump's custom format, restored with pg_restore
        media/...            MEDIA_ROOT as it was (documents, private and public images)

A folder rather than one archive: an operator can check it with ``sha256sum`` and copy it
with rsync, and a damaged file damages only itself. ``restore`` refuses a backup whose files
do not match their sums, a backup of the other database engine, and a backup made by newer
code than the installed one, and it touches nothing before all of that is checked.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

FORMAT = "rendicion-backup/1"
MANIFEST = "MANIFEST.json"
MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or must not be restored; the message says why."""


@dataclass(frozen=True)
class RestoreOutcome:
    files: int
    replaced_media: Path | None
    missing_migrations: list[str]


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_and_hash(source, target):
    """Copy ``source`` to ``target`` reading it once; return (sha256, size)."""
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as reader, open(target, "wb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
    shutil.copystat(source, target)
    return digest.hexdigest(), size


def files_under(folder):
    """Every regular file under ``folder``, as POSIX paths relative to it, sorted."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def engine_of(database):
    vendor = {
        "django.db.backends.sqlite3": "sqlite",
        "django.db.backends.postgresql": "postgresql",
    }.get(database["ENGINE"])
    if vendor is None:
        raise BackupError(_("Backups support SQLite and PostgreSQL only."))
    return vendor


def applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def known_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def postgres_environment(database):
    """libpq variables for pg_dump/pg_restore: the password never appears on a command line."""
    environment = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ]:
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def run_postgres_tool(arguments, database):
    try:
        completed = subprocess.run(  # noqa: S603 - fixed programs, arguments we build
            arguments, env=postgres_environment(database), capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(
            _("%(program)s is not installed (Debian package postgresql-client).")
            % {"program": arguments[0]}
        ) from error
    if completed.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": arguments[0], "error": completed.stderr.strip()}
        )


def dump_database(target, database=None):
    database = database or connection.settings_dict
    if engine_of(database) == "sqlite":
        # The online backup API copies a consistent snapshot while the site keeps running,
        # WAL pages included, which copying the file would not.
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        run_postgres_tool(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
                database["NAME"],
            ],
            database,
        )


def load_database(source, database=None):
    database = database or connection.settings_dict
    if engine_of(database) == "sqlite":
        # Into the live connection through the same API: one step, pages and schema together,
        # and it works for a file and for the in-memory database of the tests alike.
        connection.ensure_connection()
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            backup.backup(connection.connection)
        backup.close()
    else:
        connection.close()  # no open transaction of ours may hold a lock on a dropped table
        run_postgres_tool(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={database['NAME']}",
                str(source),
            ],
            database,
        )


def create_backup(destination, *, now=None):
    """Write a new backup folder under ``destination`` and return its path."""
    database = connection.settings_dict
    engine = engine_of(database)
    now = now or timezone.now()
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    final = destination / f"rendicion-backup-{stamp}"
    if final.exists():
        raise BackupError(_("%(path)s already exists.") % {"path": final})
    # Built under a hidden name and renamed at the end: a half-written backup never looks done.
    work = Path(tempfile.mkdtemp(prefix=".rendicion-backup-", dir=destination))
    try:
        database_file = work / DATABASE_FILES[engine]
        # The database first, then the files: an upload in between leaves only an unused
        # file in the backup, never a row whose file is missing.
        dump_database(database_file)
        files = {
            DATABASE_FILES[engine]: {
                "sha256": sha256_of(database_file),
                "size": database_file.stat().st_size,
            }
        }
        media_root = Path(settings.MEDIA_ROOT)
        for name in files_under(media_root):
            sha256, size = copy_and_hash(media_root / name, work / MEDIA_DIR / name)
            files[f"{MEDIA_DIR}/{name}"] = {"sha256": sha256, "size": size}
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(),
            "engine": engine,
            "versions": {"django": django.get_version(), "wagtail": wagtail.__version__},
            "migrations": applied_migrations(),
            "files": files,
        }
        (work / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        work.rename(final)
        # sha256sum's format, beside the folder: `sha256sum -c NAME.sha256` checks it, and a
        # copy kept elsewhere (docs/operations.md) proves the manifest was not rewritten.
        manifest_sum = sha256_of(final / MANIFEST)
        final.with_name(f"{final.name}.sha256").write_text(
            f"{manifest_sum}  {final.name}/{MANIFEST}\n", encoding="utf-8"
        )
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(
            _("%(path)s has no MANIFEST.json: it is not a backup.") % {"path": folder}
        ) from error
    except (OSError, ValueError) as error:
        raise BackupError(
            _("MANIFEST.json cannot be read: %(error)s") % {"error": error}
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("MANIFEST.json is not of a backup this version can restore."))
    return manifest


def manifest_problems(folder, manifest):
    """Every file that does not match the manifest: changed, missing, or not listed."""
    folder = Path(folder)
    listed = manifest.get("files") or {}
    present = set(files_under(folder)) - {MANIFEST}
    problems = []
    for name in sorted(listed):
        path = folder / name
        if name not in present:
            problems.append(_("%(file)s is missing") % {"file": name})
        elif path.stat().st_size != listed[name].get("size") or (
            sha256_of(path) != listed[name].get("sha256")
        ):
            problems.append(_("%(file)s does not match its SHA-256 sum") % {"file": name})
    problems += [
        _("%(file)s is not in the manifest") % {"file": name}
        for name in sorted(present - set(listed))
    ]
    return problems


def check_backup(folder, *, manifest_sha256=None):
    """The manifest of a backup this installation can restore, or BackupError saying why not.

    ``manifest_sha256``, the sum recorded when the backup was made, also proves that nobody
    rewrote the manifest together with the files."""
    manifest = read_manifest(folder)
    if manifest_sha256 and sha256_of(Path(folder) / MANIFEST) != manifest_sha256.lower():
        raise BackupError(
            _(
                "The SHA-256 sum of MANIFEST.json is not the one recorded when the backup was "
                "made; nothing was restored."
            )
        )
    problems = manifest_problems(folder, manifest)
    if problems:
        raise BackupError(
            _("The backup does not match its MANIFEST.json; nothing was restored:\n%(problems)s")
            % {"problems": "\n".join(f"  - {problem}" for problem in problems)}
        )
    engine = engine_of(connection.settings_dict)
    if manifest.get("engine") != engine or DATABASE_FILES[engine] not in manifest["files"]:
        raise BackupError(
            _("The backup is of a %(backup)s database and this installation uses %(current)s.")
            % {
                "backup": ENGINE_NAMES.get(manifest.get("engine"), manifest.get("engine")),
                "current": ENGINE_NAMES[engine],
            }
        )
    unknown = sorted(set(manifest.get("migrations", [])) - known_migrations())
    if unknown:
        raise BackupError(
            _(
                "The backup was made by a newer version of the portal (migrations unknown here: "
                "%(migrations)s). Install that version first."
            )
            % {"migrations": ", ".join(unknown)}
        )
    return manifest


def restore_backup(folder, *, manifest_sha256=None, now=None):
    """Replace the database and MEDIA_ROOT by the backup's, after checking every sum."""
    folder = Path(folder)
    manifest = check_backup(folder, manifest_sha256=manifest_sha256)
    engine = engine_of(connection.settings_dict)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Files are staged next to MEDIA_ROOT and checked again, then swapped in after the
    # database: a failure on the way leaves the current site as it was.
    staging = Path(tempfile.mkdtemp(prefix=f".{media_root.name}-restoring-", dir=media_root.parent))
    # mkdtemp makes it private; the web server must read public images under it as before.
    staging.chmod(media_root.stat().st_mode & 0o7777 if media_root.exists() else 0o755)
    try:
        media_files = {
            name: entry
            for name, entry in manifest["files"].items()
            if name.startswith(f"{MEDIA_DIR}/")
        }
        for name, entry in media_files.items():
            sha256, _size = copy_and_hash(folder / name, staging / name[len(MEDIA_DIR) + 1 :])
            if sha256 != entry["sha256"]:
                raise BackupError(
                    _("%(file)s changed while it was being restored.") % {"file": name}
                )
        load_database(folder / DATABASE_FILES[engine])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replaced = None
    if media_root.exists():
        stamp = (now or timezone.now()).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        replaced = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
        media_root.rename(replaced)
    staging.rename(media_root)
    Site.clear_site_root_paths_cache()
    missing = sorted(known_migrations() - set(manifest.get("migrations", [])))
    return RestoreOutcome(
        files=len(media_files), replaced_media=replaced, missing_migrations=missing
    )
