"""What translators may do, granted through Wagtail's own page permissions.

wagtail-localize checks the page permissions of the *target* page: editing a translation into
``xx`` needs "change" on that page. So ``Translators xx`` get "change" (never "add" or
"publish") on the campaign home page of locale ``xx`` — the root of the ``xx`` tree, where
every translation into ``xx`` lives — and nothing on any other tree. They never get
wagtail-localize's ``submit_translation`` (which would let them create translations into any
language and publish them with the source's live status); they start translations through
``locales.review.start_translation`` instead, which checks the language.

One gap page permissions cannot close: a Member State may write an asset in its own language
first, so the ``xx`` tree can hold *source* pages too. ``wagtail_hooks.only_translations`` stops
a translator (without other rights there) from opening the editor of a page that is not a
translation target.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from campaign import roles
from campaign.languages import LANGUAGE_CODES

TRANSLATOR_PAGE_ACTIONS = ("change",)


def _admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def translator_group(language_code):
    group, _created = Group.objects.get_or_create(name=roles.translators(language_code))
    return group


def translation_roots(language_code):
    """The top pages of the ``language_code`` tree: its campaign home page(s)."""
    from twinit_pages.models import CampaignHomePage

    return CampaignHomePage.objects.filter(locale__language_code=language_code)


@transaction.atomic
def grant_translator_permissions(languages=LANGUAGE_CODES):
    """Idempotent: every "Translators xx" group may edit pages of the xx tree, nothing else.

    Also removes page permissions the group may have been given on another locale's pages.
    Returns the number of page permissions created.
    """
    access_admin = _admin_access()
    change = {
        action: Permission.objects.get(content_type__app_label="wagtailcore",
                                       codename=f"{action}_page")
        for action in TRANSLATOR_PAGE_ACTIONS
    }
    created = 0
    for code in languages:
        group = translator_group(code)
        group.permissions.add(access_admin)
        roots = list(translation_roots(code))
        GroupPagePermission.objects.filter(group=group).exclude(
            page__in=roots, permission__in=change.values()
        ).delete()
        for root in roots:
            for permission in change.values():
                _obj, new = GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
                created += new
    return created


def is_translation_only_user(user, page):
    """True if ``user`` may edit ``page`` only as a translator (no other group grants it)."""
    if user.is_superuser:
        return False
    names = {roles.translators(code) for code in LANGUAGE_CODES}
    other_groups = user.groups.exclude(name__in=names)
    ancestors = [page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return not GroupPagePermission.objects.filter(
        group__in=other_groups, page__path__in=ancestors,
        permission__codename__in=("change_page", "publish_page"),
    ).exists()
