"""The cancellation link of a registration: signed, with no login (django.core.signing)."""

import datetime

from django.conf import settings
from django.core import signing

SALT = "inscripciones.cancel"


class InvalidLinkError(Exception):
    pass


class ExpiredLinkError(InvalidLinkError):
    pass


def cancellation_token(registration):
    # The e-mail is signed too: a registration id alone would do, but a link then also stops
    # working if the row were ever given to someone else.
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"r": registration.pk, "e": registration.email}, compress=True
    )


def registration_from_token(token):
    """The registration a link names; ``ExpiredLinkError`` or ``InvalidLinkError`` otherwise."""
    from inscripciones.models import Registration

    max_age = datetime.timedelta(days=settings.REGISTRATION_LINK_MAX_AGE_DAYS)
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLinkError from error
    except signing.BadSignature as error:
        raise InvalidLinkError from error
    registration = (
        Registration.objects.select_related("page").filter(pk=value.get("r")).first()
        if isinstance(value, dict)
        else None
    )
    if registration is None or registration.email != value.get("e"):
        raise InvalidLinkError
    return registration
