"""Admin screens: import indicators from a spreadsheet (upload → preview → confirm) and
download them in the same format.

Between preview and confirmation the uploaded file waits in a private temporary folder; the
confirmation form carries its name in a token signed for the user, so nobody can confirm
someone else's upload or point the view at another file. The file is read and checked
again on confirmation: if the data changed meanwhile, the new preview is shown instead.
"""

import os
import re
import tempfile
import time
import uuid
from pathlib import Path

from django import forms
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from importer.apply import apply_plan
from importer.export import CONTENT_TYPES, WRITERS, export_queryset
from importer.limits import MB, ImportLimits
from importer.plan import UserAccess, build_plan
from rendicion.editorial.scope import queryset_for

TOKEN_MAX_AGE = 6 * 60 * 60  # seconds an uploaded file waits for confirmation
PREVIEW_LIMIT = 300  # rows listed per table in the preview; the counts cover them all
UPLOAD_DIR = Path(tempfile.gettempdir()) / "rendicion-indicator-imports"
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(xlsx|ods|csv)$")
EXPORT_FORMATS = ("xlsx", "ods")  # ?format= of the export; .xlsx by default


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "An .xlsx file, an .ods file (LibreOffice), or a .csv file (UTF-8, or the "
            "semicolon-separated CSV that Excel saves in Spanish)."
        ),
    )
    update = forms.BooleanField(
        label=_("Update existing indicators"),
        required=False,
        help_text=_(
            "Indicators already in the portal (matched by code, or by name within the "
            "department when they have no code) take the values in the file. Without this "
            "option the file may only add indicators."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in {".xlsx", ".ods", ".csv"}:
            raise forms.ValidationError(_("Only .xlsx, .ods and .csv files can be imported."))
        # Refused before it is read: the other limits (importer/limits.py) apply as it is read.
        limits = ImportLimits.from_settings()
        if upload.size > limits.upload_bytes:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)s MB.")
                % {"size": limits.upload_bytes // MB}
            )
        return upload


def _signing_salt(user):
    return f"rendicion.indicator-import:{user.pk}"


def _store_upload(data, filename):
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    cutoff = time.time() - TOKEN_MAX_AGE
    for old in UPLOAD_DIR.iterdir():  # uploads nobody confirmed
        if STORED_NAME.match(old.name) and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    name = f"{uuid.uuid4().hex}{Path(filename).suffix.lower()}"
    path = UPLOAD_DIR / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as stored:
        stored.write(data)
    return name


def _stored_path(name):
    if not STORED_NAME.match(name):
        return None
    return UPLOAD_DIR / name


class IndicatorImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    model = None
    index_url_name = None
    import_url_name = None
    header_icon = "upload"
    template_name = "importer/indicator_import.html"
    page_title = _("Import indicators")
    any_permission_required = ["add", "change"]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": "", "label": self.page_title},
        ]

    def access(self):
        return UserAccess(self.request.user, self.permission_policy)

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=ImportForm()))

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request.POST["token"])
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        data = upload.read()
        update = form.cleaned_data["update"]
        plan = build_plan(data, upload.name, update=update, access=self.access())
        return self.preview(plan, data, upload.name, update)

    def preview(self, plan, data, filename, update, stored_name=None, changed=False):
        token = None
        if plan.ok and (plan.to_create or plan.to_update):
            stored_name = stored_name or _store_upload(data, filename)
            token = signing.dumps(
                {"file": stored_name, "name": filename, "update": update, "digest": plan.digest()},
                salt=_signing_salt(self.request.user),
            )
        elif stored_name and (path := _stored_path(stored_name)):
            path.unlink(missing_ok=True)
        context = self.get_context_data(
            form=ImportForm(initial={"update": update}),
            plan=plan,
            filename=filename,
            token=token,
            changed_since_preview=changed,
            errors=plan.sorted_errors[:PREVIEW_LIMIT],
            creates=plan.to_create[:PREVIEW_LIMIT],
            updates=plan.to_update[:PREVIEW_LIMIT],
            preview_limit=PREVIEW_LIMIT,
            hidden_errors=max(len(plan.errors) - PREVIEW_LIMIT, 0),
            hidden_creates=max(len(plan.to_create) - PREVIEW_LIMIT, 0),
            hidden_updates=max(len(plan.to_update) - PREVIEW_LIMIT, 0),
        )
        return self.render_to_response(context)

    def confirm(self, token):
        try:
            payload = signing.loads(
                token, salt=_signing_salt(self.request.user), max_age=TOKEN_MAX_AGE
            )
        except signing.BadSignature:
            payload = None
        path = _stored_path(payload["file"]) if payload else None
        if path is None or not path.exists():
            messages.error(
                self.request,
                _("The uploaded file has expired or is no longer available: upload it again."),
            )
            return redirect(self.import_url_name)
        data = path.read_bytes()
        plan = build_plan(data, payload["name"], update=payload["update"], access=self.access())
        if not plan.ok or plan.digest() != payload["digest"]:
            return self.preview(
                plan, data, payload["name"], payload["update"], payload["file"], changed=True
            )
        outcome = apply_plan(plan, user=self.request.user)
        path.unlink(missing_ok=True)
        imported = outcome.created + outcome.updated
        message = ngettext(
            "%(count)s indicator imported (%(created)s created, %(updated)s updated).",
            "%(count)s indicators imported (%(created)s created, %(updated)s updated).",
            imported,
        ) % {"count": imported, "created": outcome.created, "updated": outcome.updated}
        if outcome.submitted:
            message += " " + ngettext(
                "%(count)s was sent for approval and will be public once approved.",
                "%(count)s were sent for approval and will be public once approved.",
                outcome.submitted,
            ) % {"count": outcome.submitted}
        if outcome.drafts:
            message += " " + ngettext(
                "%(count)s was saved as a draft: someone allowed to publish must publish it.",
                "%(count)s were saved as drafts: someone allowed to publish must publish them.",
                outcome.drafts,
            ) % {"count": outcome.drafts}
        messages.success(self.request, message)
        return redirect(self.index_url_name)


class IndicatorExportView(PermissionCheckedMixin, View):
    """The indicators as an .xlsx (or, with ``?format=ods``, .ods) file in the import format."""

    model = None
    any_permission_required = ["add", "change", "delete", "view"]

    def get(self, request):
        extension = request.GET.get("format", "xlsx")
        if extension not in EXPORT_FORMATS:
            extension = "xlsx"
        response = HttpResponse(content_type=CONTENT_TYPES[extension])
        response["Content-Disposition"] = (
            f'attachment; filename="indicadores-formato-plan.{extension}"'
        )
        # Only what the user reaches: a department exports its own indicators.
        WRITERS[extension](response, queryset_for(request.user, export_queryset()))
        return response
