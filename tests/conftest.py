"""Fixtures shared by every test module: the demo campaign tree and paths to shared fixtures."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# ../shared sits beside the clone, here and in CI; fixtures are read in place, never copied.
SHARED = REPO_ROOT.parent / "shared"
FIXTURES_3D = SHARED / "fixtures" / "3d"


@pytest.fixture(scope="session")
def _session_media_root(tmp_path_factory):
    from django.conf import settings

    media = tmp_path_factory.mktemp("session-media")
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path, _session_media_root):
    """Every test writes uploads to its own folder, so storage assertions see only its files."""
    settings.MEDIA_ROOT = tmp_path / "media"


def load_demo_site():
    """What `manage.py load_demo` builds: roles, groups, workflow and locales, then the content."""
    from django.core.management import call_command

    from twinit_pages.demo.loader import DemoLoader, ensure_tree_roots

    ensure_tree_roots()  # gone after a transactional test's flush
    call_command("setup_campaign", stdout=open(os.devnull, "w"))  # noqa: SIM115
    DemoLoader().run()


def reset_django_translations():
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._active = Local()
    trans_real._default = None
    if hasattr(trans_real.check_for_language, "cache_clear"):
        trans_real.check_for_language.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """The .mo files are build output (git-ignored): compile them as the set-up does."""
    from locales.catalogues import compile_all

    compile_all()
    reset_django_translations()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, _session_media_root):
    """Build the demo campaign once per session; each test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        load_demo_site()


@pytest.fixture
def locales(db):
    from locales.setup import ensure_locales

    ensure_locales()


@pytest.fixture
def demo_site(db, locales):
    """The demo campaign: home, 27 Member State pages, published assets, campaign pages."""
    from twinit_pages.models import CampaignHomePage

    home = CampaignHomePage.objects.filter(locale__language_code="en").first()
    if home is None:  # a transactional test flushed the session's data
        load_demo_site()
        home = CampaignHomePage.objects.get(locale__language_code="en")
    return home


@pytest.fixture
def home(demo_site):
    return demo_site


@pytest.fixture
def state(demo_site):
    """Return the Member State page for an ISO code: state("EE")."""
    from twinit_pages.models import MemberStatePage

    def get(code):
        return MemberStatePage.objects.get(iso_code=code, locale__language_code="en")

    return get


@pytest.fixture
def campaign(demo_site):
    """The demo site with roles, groups and workflows: the session set-up ran setup_campaign."""
    return demo_site


@pytest.fixture
def make_user(campaign, django_user_model):
    """Create a user in the campaign's role groups: make_user("ee-coordinator", "EE coordinators")."""
    from django.contrib.auth.models import Group

    def make(username, *groups):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "pw", first_name=username
        )
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def login(client):
    """Log the test client in as a user (logging out whoever was in before)."""

    def as_user(user):
        client.logout()
        client.force_login(user)
        return client

    return as_user
