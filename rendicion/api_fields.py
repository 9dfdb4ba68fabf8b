"""How the pages' own related objects read in Wagtail's page API (``api_fields``,
/api/v2/pages/<id>/, docs/api.md).

Wagtail's default for a foreign key is ``{"id", "meta": {"detail_url"…}}`` built from the Site
record's hostname (often ``localhost``), and it would name a page whatever its visibility.
These fields say what the public page shows instead: a department by its name and slug, a
linked page only while it is public, only approved indicators. A page or document is given by
its ``id`` and title; its absolute addresses are in /api/v2/pages/<id>/ and
/api/v2/documents/<id>/."""

from rest_framework import serializers

from rendicion.visibility import is_public_page


class DepartmentField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, department):
        return {"slug": department.slug, "name": department.name, "acronym": department.acronym}


class PublicPageLinkField(serializers.Field):
    """A linked page, as ``{"id", "title"}``, or null unless it is public."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, page):
        if page is None or not is_public_page(page):
            return None
        return {"id": page.pk, "title": page.title}


class DocumentLinkField(serializers.Field):
    """A document chosen on a public page (so public itself: docs/visibility.md)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, document):
        return {"id": document.pk, "title": document.title}


class NamesField(serializers.Field):
    """A many-to-many relation as the list of its names (stakeholder or population groups)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, related):
        return [str(item) for item in related.all()]


class PublicIndicatorsField(serializers.Field):
    """The indicators a report cites, approved ones only, as the report page lists them."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, related):
        from rendicion.models import Indicator

        linked = [indicator.pk for indicator in related.all()]
        return [
            {"id": indicator.pk, "code": indicator.code, "name": indicator.name}
            for indicator in Indicator.objects.public().filter(pk__in=linked)
        ]


class ChoiceLabelField(serializers.Field):
    """The Spanish wording of a choice field (``get_<field>_display``)."""

    def __init__(self, field_name, **kwargs):
        self.field_name_for_display = field_name
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, instance):
        return str(getattr(instance, f"get_{self.field_name_for_display}_display")())


class GroupNameField(serializers.Field):
    """The stakeholder or population group of an attendance row, by name."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, attendance):
        group = attendance.group
        return str(group) if group else None


class OverallProgressField(serializers.Field):
    """An improvement plan's mean progress (percent), null for a plan with no actions."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, plan):
        progress = plan.overall_progress()
        return None if progress is None else float(progress)


class ShownCommitmentsField(serializers.Field):
    """The approved commitments made at an encounter or hearing, as its page lists them (the
    page itself is public, or the page API would not serve it)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        department = DepartmentField()
        return [
            {
                "id": commitment.pk,
                "text": commitment.text,
                "department": department.to_representation(commitment.department),
                "due_date": commitment.due_date.isoformat() if commitment.due_date else None,
                "status": commitment.status,
                "status_label": str(commitment.get_status_display()),
            }
            for commitment in page.commitments.filter(live=True)
            .select_related("department")
            .order_by("due_date", "pk")
        ]
