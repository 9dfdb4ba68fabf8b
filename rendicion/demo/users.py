"""Demo accounts, one per editorial role.

All of them use the password ``palmira2021``; the README documents the accounts. They are
for demonstrations only: never load the demo data into a production database.

For now the roles map to Wagtail's built-in groups (editor → "Editors", reviewer and
approver → "Moderators"). A later ``setup_roles`` command replaces this: only
``ensure_demo_users`` needs to change.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from rendicion.demo.helpers import CREATED, UNCHANGED, UPDATED

DEMO_PASSWORD = "palmira2021"  # noqa: S105 - documented demo password

# E-mail addresses use the reserved example.org domain so that moderation notifications
# sent from a demo install never reach a real mailbox.
DEMO_USERS = [
    {"username": "admin", "first_name": "Administración", "last_name": "del portal",
     "email": "admin@example.org", "superuser": True, "group": None},
    {"username": "editor.educacion", "first_name": "Editora", "last_name": "de Educación",
     "email": "editor.educacion@example.org", "superuser": False, "group": "Editors"},
    {"username": "revisor.educacion", "first_name": "Revisor", "last_name": "de Educación",
     "email": "revisor.educacion@example.org", "superuser": False, "group": "Moderators"},
    {"username": "aprobador.participacion", "first_name": "Aprobadora",
     "last_name": "de Participación Comunitaria", "email": "aprobador.participacion@example.org",
     "superuser": False, "group": "Moderators"},
]


def ensure_demo_users(stats, stdout=None):
    """Create the demo accounts that do not exist yet.

    An existing account is left as it is (password, names, flags), except that it is added
    to its role's group if it is not a member: re-running must not undo what an
    administrator changed.
    """
    User = get_user_model()
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec["username"]).first()
        outcome = UNCHANGED
        if user is None:
            user = User(username=spec["username"], first_name=spec["first_name"],
                        last_name=spec["last_name"], email=spec["email"],
                        is_staff=spec["superuser"], is_superuser=spec["superuser"])
            user.set_password(DEMO_PASSWORD)
            user.save()
            outcome = CREATED
        if spec["group"]:
            # Wagtail's own migrations create these groups with admin access permissions.
            group = Group.objects.filter(name=spec["group"]).first()
            if group is None:
                if stdout is not None:
                    stdout.write(f"Aviso: no existe el grupo «{spec['group']}»; "
                                 f"«{spec['username']}» queda sin rol.")
            elif not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                outcome = outcome if outcome == CREATED else UPDATED
        stats.record("Usuarios", outcome)
