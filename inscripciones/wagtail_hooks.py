from wagtail import hooks
from wagtail.permissions import register_permission_policy

from inscripciones.models import Registration
from inscripciones.viewsets import RegistrationPermissionPolicy, RegistrationViewSet

register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("registrations", url_prefix="inscripciones")
