from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


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
