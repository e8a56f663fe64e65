"""Abuse resistance: login lockout (django-axes), 429 + Retry-After on the open-data endpoints,
and a Content-Security-Policy on every HTML page (no inline script on public pages)."""

import re

import pytest
from django.core.cache import cache


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    yield
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def login(client, username, password, address="198.51.100.7"):
    return client.post("/admin/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, axes_on, django_user_model):
    django_user_model.objects.create_user("coordinator", password="right-password-123",
                                          is_staff=True)
    for _ in range(30):
        assert login(client, "coordinator", "wrong").status_code in (200, 429)
    response = login(client, "coordinator", "right-password-123")
    assert response.status_code == 429 and not logged_in(client)
    assert b"locked" in response.content.lower()
    # The lock is on this username from this address: nobody else is locked out with them.
    other = django_user_model.objects.create_user("editor", password="editor-pass-123", is_staff=True)
    assert login(client, other.username, "editor-pass-123").status_code == 302 and logged_in(client)


@pytest.mark.django_db
def test_a_few_typos_do_not_lock_and_success_resets_the_count(client, axes_on, django_user_model):
    django_user_model.objects.create_user("translator", password="right-password-123", is_staff=True)
    for _ in range(4):
        login(client, "translator", "typo")
    assert login(client, "translator", "right-password-123").status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "translator", "typo")
    assert login(client, "translator", "right-password-123").status_code == 302


# --- rate limits ------------------------------------------------------------------------------


@pytest.fixture
def limits(settings):
    cache.clear()
    settings.RATE_LIMITS = {"api": (3, 60), "oai": (3, 60), "oembed": (3, 60), "dataset": (3, 3600)}
    yield settings.RATE_LIMITS
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/assets/", "/oai/?verb=Identify",
                                 "/oembed/?url=http://testserver/en/", "/dataset/XX.zip"])
def test_open_data_endpoints_answer_429_with_retry_after(client, limits, url):
    for _ in range(3):
        assert client.get(url, REMOTE_ADDR="203.0.113.5").status_code != 429
    response = client.get(url, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Too many requests" in response.json()["error"]
    assert client.get(url, REMOTE_ADDR="203.0.113.6").status_code != 429  # another visitor


@pytest.mark.django_db
def test_forged_forwarded_for_does_not_escape_the_limit(client, limits):
    for n in range(4):
        response = client.get("/api/v1/assets/", REMOTE_ADDR="203.0.113.9",
                              HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_our_proxy_each_visitor_has_their_own_count(client, limits):
    for _ in range(3):
        client.get("/api/v1/assets/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client.get("/api/v1/assets/", REMOTE_ADDR="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert client.get("/api/v1/assets/", REMOTE_ADDR="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 200


@pytest.mark.django_db
def test_pages_are_not_rate_limited(client, limits, demo_site):
    for _ in range(5):
        assert client.get("/en/", REMOTE_ADDR="203.0.113.5").status_code == 200


# --- Content-Security-Policy ------------------------------------------------------------------


def policy(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
                if part.strip())


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>")


@pytest.mark.django_db
def test_public_pages_forbid_inline_and_foreign_scripts(client, demo_site):
    from twinit_pages.models import HeritageAssetPage

    asset = HeritageAssetPage.objects.live().filter(locale__language_code="en").first()
    for url in ("/en/", asset.url):
        response = client.get(url)
        assert response.status_code == 200
        directives = policy(response)
        assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'self'"
        assert not INLINE_SCRIPT.search(response.content.decode()), url


@pytest.mark.django_db
def test_admin_keeps_a_policy_that_allows_its_own_inline_scripts(admin_client):
    directives = policy(admin_client.get("/admin/"))
    assert "'unsafe-inline'" in directives["script-src"] and directives["default-src"] == "'self'"


@pytest.mark.django_db
def test_embeds_may_be_framed_by_other_sites(client, demo_site):
    from twinit_pages.models import HeritageAssetPage

    asset = HeritageAssetPage.objects.live().filter(locale__language_code="en").first()
    response = client.get(f"/embed/{asset.pk}/")
    assert response.status_code == 200 and policy(response)["frame-ancestors"] == "*"
