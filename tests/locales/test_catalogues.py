"""Interface strings: extracted without GNU gettext, translated in all 24 languages."""

import shutil

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

from campaign.languages import LANGUAGE_CODES
from locales import catalogues
from locales.extract import Message, extract


def test_extraction_covers_templates_blocktranslate_plurals_and_choice_labels():
    messages = {m.msgid: m for m in extract()}
    assert "Skip to main content" in messages  # {% translate %} in cms/templates/base.html
    assert messages["%(counter)s asset"].msgid_plural == "%(counter)s assets"  # blocktranslate
    assert "Photogrammetry" in messages  # gettext_lazy in campaign/choices.py
    assert "Estonia" in messages
    # Admin-only strings stay out: panel headings and model help texts are not public.
    assert "Reuse and rights" not in messages
    assert "Describe the image for screen readers." not in messages


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_public_string_is_translated(language):
    """Fails if any extracted public string lacks a translation (empty or fuzzy), if the
    placeholders differ, or if plural forms are missing for the language's Plural-Forms."""
    assert catalogues.problems(language) == []


def test_catalogues_are_up_to_date_with_the_sources():
    call_command("update_catalogues", "--check", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_update_merges_keeps_translations_and_adds_new_strings(tmp_path, settings):
    shutil.copytree(catalogues.locale_dir(), tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    before = (tmp_path / "locale/pl/LC_MESSAGES/django.po").read_text()
    catalogues.update(["pl"])
    assert (tmp_path / "locale/pl/LC_MESSAGES/django.po").read_text() == before  # idempotent

    messages = extract() + [Message("A brand-new public string", occurrences=[("x.html", 1)])]
    catalogues.update(["pl"], messages)
    po = polib.pofile(str(tmp_path / "locale/pl/LC_MESSAGES/django.po"))
    assert po.find("A brand-new public string").msgstr == ""
    assert po.find("Search").msgstr == "Szukaj"
    assert catalogues.problems("pl", po, messages) == [
        "pl: 'A brand-new public string' is not translated"
    ]


def test_placeholder_changes_are_caught():
    po = catalogues.load("fr")
    entry = po.find("Download the 3D model (%(format)s, %(size)s)")
    if entry is None:
        pytest.skip("models3d no longer uses this string")
    entry.msgstr = "Télécharger le modèle 3D (%(format)s)"
    assert any("changes the placeholders" in p for p in catalogues.problems("fr", po))


@pytest.mark.parametrize(
    "language, count, expected",
    [
        ("pl", 1, "1 obiekt dziedzictwa"),
        ("pl", 3, "3 obiekty dziedzictwa"),
        ("pl", 5, "5 obiektów dziedzictwa"),
        ("pl", 22, "22 obiekty dziedzictwa"),
        ("cs", 4, "4 památky"),
        ("sl", 2, "2 dediščinska objekta"),
        ("ga", 2, "2 shócmhainn oidhreachta"),
        ("lv", 21, "21 mantojuma objekts"),
        ("fr", 0, "0 bien patrimonial"),
        ("de", 2, "2 Kulturerbe-Objekte"),
    ],
)
def test_compiled_plural_forms(language, count, expected):
    with translation.override(language):
        text = translation.ngettext("%(counter)s asset", "%(counter)s assets", count)
    assert text % {"counter": count} == expected


def test_plural_forms_headers_match_each_language():
    for language in LANGUAGE_CODES:
        po = catalogues.load(language)
        assert po.metadata["Plural-Forms"] == catalogues.PLURAL_FORMS[language]
        assert po.metadata["Language"] == language
