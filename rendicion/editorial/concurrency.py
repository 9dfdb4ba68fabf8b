"""Stale edit forms are refused, not saved over someone else's work (docs/workflow.md).

Wagtail's edit forms carry the revision they were loaded from (``loaded_revision_id`` and its
time), and Wagtail itself refuses a stale *autosave*. A stale *save, submit or approval* it
lets through, silently replacing what the other person saved meanwhile. Here the same
``is_out_of_date`` test refuses those too, when the newer work is someone else's: the form
comes back with everything that was typed, a Spanish message and a link comparing the version
it was loaded from with the latest one.
The re-rendered form is based on the latest revision, so saving again, after looking, is a
deliberate choice.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.edit import EditView as PageEditView
from wagtail.snippets.views.snippets import EditView as SnippetEditView

from rendicion.editorial.status import last_rejection

STALE_FORM_MESSAGE = _(
    "Someone else saved a newer version while you were editing. Your changes were not saved: "
    "they are still in the form below. Check what changed, then save again to keep yours."
)
COMPARE_LABEL = _("See what changed")


def loaded_revision(obj, request):
    """The revision the posted form was loaded from, if it is one of this object's."""
    loaded_id = request.POST.get("loaded_revision_id", "")
    if not loaded_id.isdigit():
        return None
    return obj.revisions.filter(pk=int(loaded_id)).first()


def overwrites_someone_else(obj, request):
    """Whether saving this (out-of-date) form would replace another person's newer work.

    A newer revision of one's own (a second tab, a re-posted form) is not someone else's work.
    A revision by nobody (an import, a command) counts as someone else's.
    """
    loaded = loaded_revision(obj, request)
    if loaded is None:
        return True
    if obj.revisions.filter(pk__gt=loaded.pk).exclude(user=request.user).exists():
        return True
    # The loaded revision itself rewritten since (Wagtail's autosave does that) by its author.
    rewritten = loaded.created_at.isoformat() != request.POST.get("loaded_revision_created_at")
    return rewritten and loaded.user_id != request.user.pk


def stale_form_message(obj, request, compare_url_name):
    """The refusal, linking to the comparison of the loaded revision with the latest one."""
    revision = loaded_revision(obj, request)
    latest_id = obj.latest_revision_id
    if revision is None or revision.pk == latest_id:
        return STALE_FORM_MESSAGE
    compare_url = reverse(compare_url_name, args=[quote(obj.pk), revision.pk, latest_id])
    return format_html('{} <a href="{}">{}</a>', STALE_FORM_MESSAGE, compare_url, COMPARE_LABEL)


class StaleSafePageEditView(PageEditView):
    """Wagtail's page editor, refusing a form loaded from an older revision than the latest;
    it shows the reviewer's request for changes above the form (docs/editorial-state.md)."""

    def get_template_names(self):
        names = super().get_template_names()
        if names == ["wagtailadmin/pages/edit.html"]:
            return ["editorial/page_edit.html"]
        return names

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rejection"] = last_rejection(self.page)
        return context

    def post(self, request, *args, **kwargs):
        if (
            self.page.alias_of_id
            or self.expects_json_response
            or not self.is_out_of_date
            or self.is_cancelling_workflow
            or not overwrites_someone_else(self.page, request)
        ):
            return super().post(request, *args, **kwargs)
        return self.refuse_stale_form()

    def refuse_stale_form(self):
        self.form = self.form_class(
            self.request.POST,
            self.request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=self.request.user,
        )
        # Validating binds the typed values (and shows their errors) without saving anything.
        self.form.is_valid()
        messages.error(
            self.request,
            stale_form_message(self.page, self.request, "wagtailadmin_pages:revisions_compare"),
        )
        self.errors_debug = ""
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


class StaleSafeSnippetEditView(SnippetEditView):
    """The snippet editor (indicators, commitments) with the same refusal and the same
    banner."""

    def get_template_names(self):
        if self.hydrate_create_view:
            return super().get_template_names()
        return ["editorial/snippet_edit.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rejection"] = last_rejection(self.object)
        return context

    def is_valid(self, form):
        if (
            not self.expects_json_response
            and self.is_out_of_date
            and overwrites_someone_else(self.object, self.request)
        ):
            form.is_valid()
            self.produced_error_code = "invalid_revision"
            self.produced_error_message = stale_form_message(
                self.object, self.request, self.revisions_compare_url_name
            )
            return False
        return super().is_valid(form)
