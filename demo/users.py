"""Demo accounts, one per editorial role.

All of them use the password ``palmira2021``; the README documents the accounts. They are
for demonstrations only: never load the demo data into a production database.

Each account joins the group of its role created by ``setup_roles`` (which must run first):
``("editors", "educacion")`` is the editors group of the department with slug ``educacion``;
``("approvers", None)`` the approvers group of the department that coordinates the process.
"""

from django.contrib.auth import get_user_model

from demo.helpers import CREATED, UNCHANGED, UPDATED
from rendicion.editorial.roles import STOCK_GROUPS
from rendicion.models import Department

DEMO_PASSWORD = "palmira2021"  # noqa: S105 - documented demo password

# E-mail addresses use the reserved example.org domain so that moderation notifications
# sent from a demo install never reach a real mailbox.
DEMO_USERS = [
    {
        "username": "admin",
        "first_name": "Administración",
        "last_name": "del portal",
        "email": "admin@example.org",
        "superuser": True,
        "role": None,
    },
    {
        "username": "editor.educacion",
        "first_name": "Editora",
        "last_name": "de Educación",
        "email": "editor.educacion@example.org",
        "superuser": False,
        "role": ("editors", "educacion"),
    },
    {
        "username": "revisor.educacion",
        "first_name": "Revisor",
        "last_name": "de Educación",
        "email": "revisor.educacion@example.org",
        "superuser": False,
        "role": ("reviewers", "educacion"),
    },
    {
        "username": "editor.salud",
        "first_name": "Editor",
        "last_name": "de Salud",
        "email": "editor.salud@example.org",
        "superuser": False,
        "role": ("editors", "salud"),
    },
    {
        "username": "aprobador.participacion",
        "first_name": "Aprobadora",
        "last_name": "de Participación Comunitaria",
        "email": "aprobador.participacion@example.org",
        "superuser": False,
        "role": ("approvers", None),
    },
]


def role_group(role):
    """The group of a ``(role, department slug)`` pair, or None if roles are not set up."""
    kind, slug = role
    department = (
        Department.objects.filter(coordinates_process=True)
        if slug is None
        else Department.objects.filter(slug=slug)
    ).first()
    return getattr(department, f"{kind}_group", None) if department else None


def ensure_demo_users(stats, stdout=None):
    """Create the demo accounts that do not exist yet.

    An existing account is left as it is (password, names, flags), except that it is added
    to its role's group if it is not a member: re-running must not undo what an
    administrator changed.
    """
    user_model = get_user_model()
    for spec in DEMO_USERS:
        user = user_model.objects.filter(username=spec["username"]).first()
        outcome = UNCHANGED
        if user is None:
            user = user_model(
                username=spec["username"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                email=spec["email"],
                is_staff=spec["superuser"],
                is_superuser=spec["superuser"],
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            outcome = CREATED
        if spec["role"]:
            group = role_group(spec["role"])
            if group is None:
                if stdout is not None:
                    stdout.write(
                        f"Aviso: no existe el grupo del rol {spec['role']}; "
                        f"«{spec['username']}» queda sin rol."
                    )
            elif not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                outcome = outcome if outcome == CREATED else UPDATED
        stats.record("Usuarios", outcome)


def leave_stock_groups():
    """Earlier versions of the demo put its accounts in Wagtail's site-wide "Editors" and
    "Moderators" groups, which ``setup_roles`` retires (deleting them once empty)."""
    user_model = get_user_model()
    for user in user_model.objects.filter(username__in=[spec["username"] for spec in DEMO_USERS]):
        user.groups.remove(*user.groups.filter(name__in=STOCK_GROUPS))
