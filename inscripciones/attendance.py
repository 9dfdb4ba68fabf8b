"""How attendance marked in the admin feeds an encounter's figures (docs/participation.md).

The editors' figures (``attendance_total`` and the ``EncounterAttendance`` rows) are the
official ones: they go through the page's review workflow, and they count people who came
without registering. Marked attendance never writes to them. It is shown beside them, and
the admin listing of registrations offers it as the number to copy when the page has none.
"""

from dataclasses import dataclass

from django.db.models import Count

from inscripciones.models import Registration


@dataclass(frozen=True)
class AttendanceFigures:
    registered: int  # holding a seat (attended included)
    waiting: int
    attended: int
    entered_total: int | None  # what the editors entered on the page

    @property
    def shown_total(self):
        """The page's total when the editors entered one, else the marked attendance."""
        return self.entered_total if self.entered_total is not None else self.attended


def attendance_figures(page):
    """In one query: registrations by status for the event."""
    counts = dict(
        Registration.objects.filter(page_id=page.pk)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    statuses = Registration.Status
    return AttendanceFigures(
        registered=counts.get(statuses.REGISTERED, 0) + counts.get(statuses.ATTENDED, 0),
        waiting=counts.get(statuses.WAITING, 0),
        attended=counts.get(statuses.ATTENDED, 0),
        entered_total=getattr(page, "attendance_total", None),
    )


def attended_by_population_group(page):
    """Marked attendance by population group, for the organiser filling in the page."""
    return list(
        Registration.objects.filter(page_id=page.pk)
        .attended()
        .order_by()
        .values("population_group__name")
        .annotate(n=Count("pk"))
        .order_by("population_group__name")
    )
