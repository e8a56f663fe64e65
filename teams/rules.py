"""Who manages whose account, from the campaign's groups (no Wagtail user permissions needed).

- ``CC coordinators`` manage ``CC contributors`` (their own country only);
- Europeana editors manage every country's coordinators and every language's translators;
- superusers manage all of those groups.

A person is managed by someone only if *all* their campaign groups are groups that someone
manages: a coordinator cannot deactivate a contributor who also coordinates another country.
Nobody manages themselves, a superuser or a Europeana editor here.
"""

from django.contrib.auth.models import Group

from campaign import roles
from campaign.choices import MEMBER_STATE_CODES
from campaign.languages import LANGUAGE_CODES


def campaign_group_names():
    names = {roles.EUROPEANA_EDITORS}
    for iso in MEMBER_STATE_CODES:
        names |= {roles.coordinators(iso), roles.contributors(iso)}
    names |= {roles.translators(code) for code in LANGUAGE_CODES}
    return names


def managed_group_names(user):
    """Names of the groups whose members ``user`` may invite, deactivate and reactivate."""
    if not (user.is_authenticated and user.is_active):
        return []
    names = []
    if user.is_superuser or roles.is_europeana_editor(user):
        names += [roles.coordinators(iso) for iso in MEMBER_STATE_CODES]
        names += [roles.translators(code) for code in LANGUAGE_CODES]
    if user.is_superuser:
        names += [roles.contributors(iso) for iso in MEMBER_STATE_CODES]
    else:
        names += [roles.contributors(iso) for iso in sorted(roles.coordinated_countries(user))]
    return names


def managed_groups(user):
    names = managed_group_names(user)
    order = {name: index for index, name in enumerate(names)}
    return sorted(Group.objects.filter(name__in=names), key=lambda group: order[group.name])


def can_manage(actor, person):
    """True if ``actor`` may deactivate or reactivate ``person``."""
    if person.pk == actor.pk or person.is_superuser:
        return False
    groups = set(person.groups.values_list("name", flat=True)) & campaign_group_names()
    return bool(groups) and groups <= set(managed_group_names(actor))
