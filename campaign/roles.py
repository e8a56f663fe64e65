"""Names of the campaign's groups and who belongs to which, spelled in one place."""

from campaign.choices import MEMBER_STATE_CODES

EUROPEANA_EDITORS = "Europeana editors"
WORKFLOW_NAME = "Twin it! submission"
READINESS_TASK_NAME = "Europeana readiness check"
NATIONAL_TASK_NAME = "National approval"
EUROPEANA_TASK_NAME = "Europeana review"


def coordinators(iso):
    return f"{iso} coordinators"


def contributors(iso):
    return f"{iso} contributors"


def translators(language_code):
    return f"Translators {language_code}"


def _group_names(user):
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_twinit_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._twinit_group_names = cache
    return cache


def _countries(user, suffix):
    names = _group_names(user)
    return {iso for iso in MEMBER_STATE_CODES if f"{iso} {suffix}" in names}


def coordinated_countries(user):
    """ISO codes of the Member States the user coordinates."""
    return _countries(user, "coordinators")


def contributed_countries(user):
    return _countries(user, "contributors")


def is_europeana_editor(user):
    return user.is_authenticated and (user.is_superuser or EUROPEANA_EDITORS in _group_names(user))


def visible_countries(user):
    """Countries whose dashboard row the user sees: all for editors, else their own."""
    if is_europeana_editor(user):
        return set(MEMBER_STATE_CODES)
    return coordinated_countries(user) | contributed_countries(user)
