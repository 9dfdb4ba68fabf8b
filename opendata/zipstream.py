"""A ZIP archive written while it is sent: memory stays flat whatever the total size.

``zipfile`` writes to any object with ``write``; when the object cannot ``tell``/``seek`` it
switches to streaming mode (sizes and CRC after each entry, in a data descriptor). Each file is
read in chunks and whatever the archive has written so far is handed to the response.
"""

import io
import zipfile

from opendata.exports import DOCUMENT_FIELDS, document_row, write_csv

CHUNK_SIZE = 256 * 1024
MANIFEST_NAME = "MANIFEST.csv"


class _Pipe:
    """Write-only, unseekable: collects what zipfile writes until the generator takes it."""

    def __init__(self):
        self._chunks = []

    def write(self, data):
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def archive_names(documents):
    """A unique entry name per document: its file name, prefixed with its id on a clash."""
    names, seen = {}, set()
    for document in documents:
        name = document.filename
        if name in seen or name == MANIFEST_NAME:
            name = f"{document.pk}-{name}"
        seen.add(name)
        names[document.pk] = name
    return names


def manifest_bytes(documents, names, request=None):
    rows = [document_row(document, request, file_name=names[document.pk]) for document in documents]
    output = io.StringIO(newline="")
    write_csv(output, DOCUMENT_FIELDS, rows)
    return output.getvalue().encode("utf-8")


# Formats that are compressed already (ZIP containers, images, PDF streams): deflating them
# again costs a core for almost nothing, so they go in as stored deflate blocks (level 0),
# which every unzip tool reads and which streams at disk speed.
TEXT_FORMATS = {"csv"}


def compression_level(document):
    return 6 if document.format in TEXT_FORMATS else 0


def stream_documents_zip(documents, request=None, chunk_size=CHUNK_SIZE):
    """Yield the bytes of a ZIP holding MANIFEST.csv and then every document's file.

    ``documents`` is a list whose files exist in storage (the caller checks).
    """
    names = archive_names(documents)
    pipe = _Pipe()
    archive = zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    with archive:
        archive.writestr(MANIFEST_NAME, manifest_bytes(documents, names, request))
        yield pipe.take()
        for document in documents:
            info = zipfile.ZipInfo(names[document.pk], date_time=_zip_time(document))
            info.compress_type = zipfile.ZIP_DEFLATED
            # A ZipInfo carries its own level (the archive's applies only to writestr); the
            # attribute is private in Python 3.11 and an alias of compress_level from 3.13.
            info._compresslevel = compression_level(document)
            # The stored size lets zipfile write ZIP64 headers up front for a very large file:
            # a streamed archive cannot go back and widen them.
            info.file_size = document.file_size or 0
            with (
                document.file.storage.open(document.file.name, "rb") as source,
                archive.open(info, mode="w") as entry,
            ):
                for chunk in iter(lambda: source.read(chunk_size), b""):
                    entry.write(chunk)
                    data = pipe.take()
                    if data:
                        yield data
            yield pipe.take()  # the data descriptor
    yield pipe.take()  # the central directory, written when the archive closes


def _zip_time(document):
    date = document.published_on
    return (max(date.year, 1980), date.month, date.day, 0, 0, 0)
