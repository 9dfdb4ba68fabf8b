"""More seats published: the waiting list gets them at once (docs/participation.md)."""

from wagtail.signals import page_published


def give_new_seats_to_the_waiting_list(sender, instance, **kwargs):
    from inscripciones import seats
    from inscripciones.models import Registration

    if Registration.objects.filter(page_id=instance.pk).waiting().exists():
        seats.fill_free_seats(instance)


def connect():
    page_published.connect(
        give_new_seats_to_the_waiting_list, dispatch_uid="inscripciones-new-seats"
    )
