"""Machine translation as a first draft, private fields never sent; PO export/import."""

import importlib
import sys

import polib
import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from locales.review import start_translation
from twinit_pages.models import ContactPoint, HeritageAssetPage

pytestmark = pytest.mark.django_db

PRIVATE = ("Mari Maasikas", "mari.private@example.ee", "Head of digitisation")


def all_source_text(source):
    strings = [s.string.data for s in StringSegment.objects.filter(source=source)
               .select_related("string")]
    overrides = [o.data_json for o in source.overridablesegment_set.all()]
    templates = [t.template.template for t in source.templatesegment_set.select_related("template")]
    return "\n".join(strings + overrides + templates)


def test_dummy_translator_in_tests():
    assert isinstance(get_machine_translator(), DummyTranslator)


def test_deepl_only_with_a_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x")
    for key, expected in (("", None), ("secret-deepl-key", "DeepLTranslator")):
        if key:
            monkeypatch.setenv("DEEPL_API_KEY", key)
        else:
            monkeypatch.delenv("DEEPL_API_KEY", raising=False)
        sys.modules.pop("cms.settings.production", None)
        module = importlib.import_module("cms.settings.production")
        configured = getattr(module, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
        if expected is None:
            assert configured is None
        else:
            assert configured["CLASS"].endswith(expected)
            assert configured["OPTIONS"]["AUTH_KEY"] == key
    sys.modules.pop("cms.settings.production", None)


def test_machine_translation_never_sends_contact_details(
    campaign, users, state, login, monkeypatch
):
    estonia = state("EE")
    ContactPoint.objects.create(page=estonia, name=PRIVATE[0], email=PRIVATE[1], role=PRIVATE[2])
    estonia.save_revision().publish()
    sent = []
    original = DummyTranslator.translate

    def recording(self, source_locale, target_locale, strings):
        sent.extend(s.data for s in strings)
        return original(self, source_locale, target_locale, strings)

    monkeypatch.setattr(DummyTranslator, "translate", recording)
    french = start_translation(estonia, "fr", users.translator_fr)
    source = TranslationSource.objects.get(object_id=estonia.translation_key)
    text = all_source_text(source)
    assert estonia.title in text  # the public text is there ...
    for private in PRIVATE:
        assert private not in text  # ... the contact point is not a segment at all

    translation = Translation.objects.get(source=source, target_locale__language_code="fr")
    client = login(users.translator_fr)
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 302
    assert sent, "the machine translator was called"
    assert estonia.title in sent
    for private in PRIVATE:
        assert not any(private in string for string in sent)
    # Contact points are synchronised (copied as they are), never translated.
    french.refresh_from_db()
    assert [(c.name, c.email) for c in french.specific.contact_points.all()] in (
        [], [(PRIVATE[0], PRIVATE[1])]
    )


def test_po_export_import_round_trip_with_stories_elements_and_images(campaign, users, asset):
    """Offline translation: export the PO file, translate it, import it, save the draft."""
    start_translation(asset, "de", users.translator_de)
    translation = Translation.objects.get(source__object_id=asset.translation_key,
                                          target_locale__language_code="de")
    po = polib.pofile(str(translation.export_po()))
    contexts = {entry.msgctxt.split(".")[0] for entry in po}
    assert {"title", "summary", "stories", "elements", "gallery_images"} <= contexts
    assert any(entry.msgctxt.startswith("stories.") for entry in po)
    for entry in po:
        entry.msgstr = f"DE {entry.msgid}"
    warnings = translation.import_po(po, tool_name="test")
    assert warnings == []
    # Exporting again gives back what was imported.
    again = polib.pofile(str(translation.export_po()))
    assert {e.msgid: e.msgstr for e in again} == {e.msgid: e.msgstr for e in po}

    from locales.review import save_draft

    german = save_draft(translation, users.translator_de)
    draft = german.get_latest_revision_as_object()
    assert draft.title == "DE Tallinn Town Hall"
    assert all(e.name.startswith("DE ") for e in draft.elements.all())
    assert all(g.alt_text.startswith("DE ") for g in draft.gallery_images.all())
    story_text = str(draft.stories.raw_data)
    assert "DE " in story_text
    # Synchronised values are not translatable and stay as in the source.
    assert draft.latitude == asset.latitude and draft.rights_uri == asset.rights_uri
    assert not HeritageAssetPage.objects.get(pk=german.pk).live
    assert Locale.objects.get(language_code="de") == german.locale


def test_po_upload_through_the_editor_view(campaign, users, asset, login, tmp_path):
    start_translation(asset, "fr", users.translator_fr)
    translation = Translation.objects.get(source__object_id=asset.translation_key,
                                          target_locale__language_code="fr")
    client = login(users.translator_fr)
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    for entry in po:
        entry.msgstr = f"FR {entry.msgid}"
    path = tmp_path / "fr.po"
    po.save(str(path))
    with path.open("rb") as handle:
        response = client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": handle}
        )
    assert response.status_code == 302
    assert translation.source.stringsegment_set.count() == len(
        [e for e in polib.pofile(
            client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
            .content.decode()) if e.msgstr.startswith("FR ")]
    )
