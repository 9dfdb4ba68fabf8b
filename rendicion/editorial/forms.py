from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.forms import TaskStateCommentForm


class DepartmentScopedPageForm(WagtailAdminPageForm):
    """Pages created inside a department's section belong to that department.

    The department is pre-filled from the section and may not point elsewhere, so a page
    can never be listed under one department while claiming to be another's.
    """

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.section_department = self._section_department(parent_page)
        if self.section_department and "department" in self.fields and not self.instance.pk:
            # initial already holds the instance's empty department, so setdefault won't do.
            self.initial["department"] = self.section_department.pk
        if "indicators" in self.fields:
            self._hide_other_departments_drafts(self.fields["indicators"])

    def _hide_other_departments_drafts(self, field):
        """Indicators to choose from: approved ones, those the user reaches, and those the page
        already links to."""
        from django.db.models import Q

        from rendicion.editorial.scope import queryset_for

        if self.for_user is None:
            return
        offered = queryset_for(self.for_user, field.queryset, include_public=True)
        linked = self.instance.indicators.all() if self.instance.pk else []
        field.queryset = field.queryset.filter(Q(pk__in=offered.values("pk")) | Q(pk__in=linked))

    @staticmethod
    def _section_department(parent_page):
        from rendicion.models import DepartmentSectionPage

        if parent_page is None:
            return None
        parent = parent_page.specific
        return parent.department if isinstance(parent, DepartmentSectionPage) else None

    def clean(self):
        cleaned_data = super().clean()
        department = cleaned_data.get("department")
        if self.section_department and department and department != self.section_department:
            self.add_error(
                "department",
                forms.ValidationError(
                    _("This page is inside the section of %(department)s and must belong to it."),
                    params={"department": self.section_department},
                ),
            )
        return cleaned_data


class DepartmentScopedSnippetForm(WagtailAdminModelForm):
    """An indicator or commitment can only be given to one of the editor's own departments.

    The department it already belongs to stays selectable, so that a reviewer or approver
    editing it during moderation can save it. Portal administrators choose freely.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from rendicion.editorial.scope import member_department_ids, reaches_everything

        field = self.fields.get("department")
        if field is None or self.for_user is None or reaches_everything(self.for_user):
            return
        allowed = set(member_department_ids(self.for_user))
        if self.instance.department_id:
            allowed.add(self.instance.department_id)
        field.queryset = field.queryset.filter(pk__in=allowed)
        if len(allowed) == 1 and not self.initial.get("department"):
            self.initial["department"] = next(iter(allowed))


class RejectionCommentForm(TaskStateCommentForm):
    """ "Request changes" must tell the author what to change: the comment is what they get."""

    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea({"rows": 2}),
        error_messages={"required": _("Tell the author what to change.")},
    )
