"""The production entry point leaves the objects loaded at start-up out of the collector's walk."""

import gc
import importlib


def test_the_wsgi_entry_point_freezes_what_it_loaded():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        import cms.wsgi

        importlib.reload(cms.wsgi)
        assert callable(cms.wsgi.application)
        # Django, Wagtail and the project's modules: hundreds of thousands of objects.
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
