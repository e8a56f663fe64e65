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

from campaign import roles

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


STAGES = ("draft", "national_review", "europeana_review", "live")


def _member(group_name):
    return get_user_model().objects.filter(groups__name=group_name, is_active=True).first()


def stage(page, target):
    """Walk a new draft asset through the real submission workflow up to ``target``.

    The country's contributor submits, the readiness check runs, a coordinator and a Europeana
    editor approve (the demo users when they exist), and Europeana's approval publishes through
    the publication gate, as in the admin. An asset that fails the readiness check stops the
    demo: the demo must show content the product itself accepts.
    """
    from campaign.geography import country_of

    if target not in STAGES:
        raise ValueError(f"Unknown demo stage {target!r}; use one of {', '.join(STAGES)}.")
    if target == "draft":
        return page
    iso = country_of(page)
    workflow_state = page.get_workflow().start(page, _member(roles.contributors(iso)))
    approvers = [_member(roles.coordinators(iso)), _member(roles.EUROPEANA_EDITORS)]
    steps = STAGES.index(target) - STAGES.index("national_review")
    for approver in approvers[:steps]:
        workflow_state.refresh_from_db()
        task_state = workflow_state.current_task_state
        if workflow_state.status != workflow_state.STATUS_IN_PROGRESS:
            raise RuntimeError(f"Demo asset {page.slug} stopped in the workflow: "
                               f"{task_state.comment if task_state else workflow_state.status}")
        task_state.specific.approve(user=approver)
    workflow_state.refresh_from_db()
    if workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
        raise RuntimeError(f"Demo asset {page.slug} failed the readiness check: "
                           f"{workflow_state.current_task_state.comment}")
    return page
