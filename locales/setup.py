"""Creating the campaign's locales, shared by setup_campaign and the demo loader."""

from wagtail.models import Locale

from campaign.languages import LANGUAGE_CODES


def ensure_locales():
    """Make sure a Wagtail Locale exists for each of the 24 EU languages; return how many were new."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    missing = [code for code in LANGUAGE_CODES if code not in existing]
    Locale.objects.bulk_create([Locale(language_code=code) for code in missing])
    return len(missing)
