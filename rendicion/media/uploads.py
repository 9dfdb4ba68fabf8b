"""What may be uploaded as a document: an allow-list of extensions, a maximum size (Wagtail's
``WAGTAILDOCS_MAX_UPLOAD_SIZE``) and a check that the bytes are what the extension claims.

The content check reads signatures (magic bytes) and, for ZIP containers, the entry that names
the format, with the standard library only: a renamed .html, a script saved as .pdf or an
SVG disguised as .png is refused with a message, and the form keeps the other fields.
"""

import codecs
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

SNIFF_BYTES = 1024 * 1024  # how much of a text file is checked

# Markup a browser could render or run; never acceptable in a CSV.
MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)\b", re.IGNORECASE
)

OOXML_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument (ODT)",
    "ods": "OpenDocument (ODS)",
    "csv": "CSV",
    "zip": "ZIP",
    "jpg": "JPEG",
    "png": "PNG",
}


def _head(file, size=SNIFF_BYTES):
    file.seek(0)
    data = file.read(size)
    file.seek(0)
    return data


ZIP_ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError)


def _zip_entries(file):
    """The entry names of a ZIP archive, or None when it cannot be read as one."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except ZIP_ERRORS:
        return None
    finally:
        file.seek(0)


def _is_zip_container(file):
    return _head(file, 4) in (b"PK\x03\x04", b"PK\x05\x06")


def _is_ooxml(file, extension):
    if not _is_zip_container(file):
        return False
    names = _zip_entries(file)
    return names is not None and {"[Content_Types].xml", OOXML_MAIN_PART[extension]} <= names


def _is_odf(file, extension):
    # ODF stores its media type uncompressed as the first entry, named "mimetype".
    if not _is_zip_container(file):
        return False
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.read("mimetype").strip() == ODF_MIMETYPE[extension]
    except ZIP_ERRORS:
        return False
    finally:
        file.seek(0)


def _is_zip(file):
    if not _is_zip_container(file):
        return False
    return _zip_entries(file) is not None


def _is_text_table(file):
    """A CSV: text in UTF-8 (or Windows-1252, as Excel saves it), no NUL bytes, no markup."""
    data = _head(file)
    if not data or b"\x00" in data or MARKUP.search(data):
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        # Incremental decoding tolerates a multi-byte character cut at the end of the sample.
        try:
            codecs.getincrementaldecoder(encoding)().decode(data, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


CHECKS = {
    "pdf": lambda f: _head(f, 5) == b"%PDF-",
    "png": lambda f: _head(f, 8) == b"\x89PNG\r\n\x1a\n",
    "jpg": lambda f: _head(f, 3) == b"\xff\xd8\xff",
    "docx": lambda f: _is_ooxml(f, "docx"),
    "xlsx": lambda f: _is_ooxml(f, "xlsx"),
    "pptx": lambda f: _is_ooxml(f, "pptx"),
    "odt": lambda f: _is_odf(f, "odt"),
    "ods": lambda f: _is_odf(f, "ods"),
    "zip": _is_zip,
    "csv": _is_text_table,
}


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document_content(file):
    """Raise ``ValidationError`` unless the file's bytes match its (allowed) extension."""
    extension = extension_of(getattr(file, "name", "") or "")
    check = CHECKS.get(extension)
    if check is None:
        raise ValidationError(
            _("Files of type “%(extension)s” cannot be published. Allowed types: %(allowed)s."),
            code="extension_not_allowed",
            params={"extension": extension or "?", "allowed": ", ".join(sorted(CHECKS))},
        )
    if not check(file):
        raise ValidationError(
            _(
                "The content of this file is not %(format)s, although its name ends in "
                "“.%(extension)s”. Upload the original file, not a renamed one."
            ),
            code="content_mismatch",
            params={"format": FORMAT_NAMES[extension], "extension": extension},
        )


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) with the content check,
    used by the documents list, the chooser's upload tab and the multiple upload.

    A new document's type must be chosen (it no longer becomes "Other" unnoticed), and its
    department is one of the uploader's (the scope rule), pre-filled when they have one;
    Participación Comunitaria and administrators choose any (docs/editorial-state.md).
    """

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        self._ask_for_the_type()
        if user is not None:
            self._offer_the_users_departments(user)

    def _ask_for_the_type(self):
        field = self.fields.get("document_type")
        if field is None or self.instance.pk:
            return
        field.required = True
        field.choices = [("", "---------"), *self._meta.model.DocumentType.choices]
        self.initial["document_type"] = ""

    def _offer_the_users_departments(self, user):
        from rendicion.editorial.scope import member_department_ids, reaches_everything

        field = self.fields.get("department")
        if field is None:
            return
        own = set(member_department_ids(user))
        if not reaches_everything(user):
            allowed = set(own)
            if self.instance.department_id:
                allowed.add(self.instance.department_id)
            field.queryset = field.queryset.filter(pk__in=allowed)
            field.required = bool(allowed)
        if not self.instance.department_id and len(own) == 1:
            self.initial["department"] = next(iter(own))

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # Only a newly uploaded file is checked; an unchanged one was checked when uploaded.
        if file and "file" in self.changed_data:
            validate_document_content(file)
        return file
