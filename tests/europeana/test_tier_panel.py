"""Contributors see the predicted Europeana tiers, and what to add, in the asset editor."""

import pytest
from django.urls import reverse

from europeana.tiers import predict
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db


def test_editor_shows_the_predicted_tiers_and_hints(client, django_user_model, demo_site):
    user = django_user_model.objects.create_superuser("tiers", "tiers@example.org", "pw")
    client.force_login(user)
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    asset.models_3d = []  # a draft without its 3D model: the editor shows the draft
    asset.save_revision()
    prediction = predict(asset.get_latest_revision_as_object())
    html = client.get(reverse("wagtailadmin_pages:edit", args=(asset.pk,))).content.decode()
    assert f"Content tier: {prediction.content_tier}</strong>" in html
    assert f"Metadata tier: {prediction.metadata_tier}</strong>" in html
    # No 3D model yet: landing page only, and the hint says what to add.
    assert prediction.content_tier == 1
    assert prediction.hints and all(str(hint) in html for hint in prediction.hints)


def test_a_new_asset_asks_for_a_draft_first(client, django_user_model, state):
    user = django_user_model.objects.create_superuser("tiers2", "tiers2@example.org", "pw")
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("twinit_pages", "heritageassetpage",
                                                  state("EE").pk))
    html = client.get(url).content.decode()
    assert "Save a draft to see the Europeana tiers" in html
