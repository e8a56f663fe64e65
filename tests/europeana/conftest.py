"""Fixtures of the open-data tests: demo assets and stand-ins for models3d's ThreeDModel."""

from dataclasses import dataclass, field

import pytest

from tests.conftest import REPO_ROOT

EDM_SCHEMA_DIR = REPO_ROOT.parent / "shared" / "edm-schema"


@dataclass
class FakeFile:
    url: str

    def __bool__(self):
        return bool(self.url)


@dataclass
class FakeModel:
    """Duck-types models3d's ThreeDModel through the attributes europeana.record reads."""

    pk: int = 1
    title: str = "Whole site"
    status: str = "ready"
    format: str = "glb"
    file_size: int = 12_345_678
    vertex_count: int = 120_000
    triangle_count: int = 240_000
    point_count: int = 0
    rights_uri: str = ""
    credit_line: str = ""
    web_file: FakeFile | None = None
    file: FakeFile | None = None
    thumbnail: FakeFile | None = None
    master_sha256: str = ""
    derivatives: list = field(default_factory=list)

    @property
    def is_ready(self):
        return self.status == "ready"

    def derivative_file(self, role):
        return self.web_file if role == "web" else None


def fake_model(pk=1, **kwargs):
    kwargs.setdefault("web_file", FakeFile(f"/media/models3d/{pk}/web.glb"))
    kwargs.setdefault("file", FakeFile(f"/media/models3d/{pk}/master.glb"))
    kwargs.setdefault("thumbnail", FakeFile(f"/media/models3d/{pk}/thumb.jpg"))
    return FakeModel(pk=pk, **kwargs)


def with_models(page, *models):
    """Give one page instance the models3d accessor the real HeritageAssetPage will have."""
    page.three_d_models = lambda: list(models)
    return page


@pytest.fixture
def assets(demo_site):
    from twinit_pages.models import HeritageAssetPage

    return list(HeritageAssetPage.objects.live().specific().order_by("pk"))


@pytest.fixture
def asset(assets):
    return assets[0]


def translate(page, language, publish=True, **fields):
    """A translation of a page in another locale (as wagtail-localize would create it)."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    copy = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    if publish:
        copy.save_revision().publish()
    return copy


@pytest.fixture
def validator():
    from europeana import validation

    if not validation.schema_available():
        pytest.skip(f"EDM schemas not found at {validation.schema_dir()}")
    assert validation.schema_dir() == EDM_SCHEMA_DIR
    return validation.validate
