"""Demo logins, one per role, for development only (load_demo calls this when DEBUG is on).

All share the password ``DEMO_PASSWORD``; their addresses are under example.org.

| username          | group(s)               |
|-------------------|------------------------|
| ee-contributor    | EE contributors        |
| ee-coordinator    | EE coordinators        |
| lv-contributor    | LV contributors        |
| lv-coordinator    | LV coordinators        |
| europeana-editor  | Europeana editors      |
| translator-fr     | Translators fr         |
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from workflows import roles

DEMO_PASSWORD = "twinit-demo"  # noqa: S105 (documented development password)

DEMO_USERS = (
    ("ee-contributor", "Eeva", "Contributor", roles.contributors("EE")),
    ("ee-coordinator", "Evelin", "Coordinator", roles.coordinators("EE")),
    ("lv-contributor", "Laura", "Contributor", roles.contributors("LV")),
    ("lv-coordinator", "Liga", "Coordinator", roles.coordinators("LV")),
    ("europeana-editor", "Elena", "Editor", roles.EUROPEANA_EDITORS),
    ("translator-fr", "François", "Translator", roles.translators("fr")),
)


def create_demo_users(log=None):
    """Create the demo users (idempotent; existing users keep their password)."""
    User = get_user_model()
    created = []
    for username, first_name, last_name, group_name in DEMO_USERS:
        user, new = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if new:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(username)
        user.groups.add(Group.objects.get(name=group_name))
        if log:
            log(f"Demo login: {username} / {DEMO_PASSWORD} ({group_name})")
    return created
