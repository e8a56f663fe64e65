"""What the "Reuse the data" page lists: the dataset per country with its size and date, the
OAI-PMH sets, the licences in use. Plain functions over the OAI record table (one row per public
asset, with its country and datestamp), so the figures stay cheap at campaign scale.
"""

from django.core.cache import cache
from django.db.models import Count, Max
from wagtail.models import Page

from campaign import choices
from models3d.models import ThreeDModel
from twinit_pages.collection import state_paths
from twinit_pages.queries import _model_ids

from .models import OAIRecord
from .state import public_assets

SIZE_CACHE_SECONDS = 600


def datasets():
    """[{code, name, assets, updated, size}] for every Member State with public assets."""
    rows = (
        OAIRecord.objects.filter(deleted=False).values("country")
        .annotate(assets=Count("pk"), updated=Max("datestamp")).order_by("country")
    )
    names = dict(choices.MEMBER_STATES)
    sizes = _sizes_by_country()
    return [
        {"code": row["country"], "name": names.get(row["country"], row["country"]),
         "assets": row["assets"], "updated": row["updated"],
         "size": sizes.get(row["country"], 0)}
        for row in rows if row["country"]
    ]


def totals(rows):
    return {
        "assets": sum(row["assets"] for row in rows),
        "updated": max((row["updated"] for row in rows), default=None),
        "size": sum(row["size"] for row in rows),
    }


def _sizes_by_country():
    """Bytes of the web GLBs and posters a country's zip carries (files read from storage once
    per ``SIZE_CACHE_SECONDS``; the metadata files add little)."""
    latest = OAIRecord.objects.aggregate(v=Max("datestamp"))["v"]
    key = f"twinit:dataset-sizes:{latest.timestamp() if latest else 0}"
    sizes = cache.get(key)
    if sizes is not None:
        return sizes
    states = state_paths()
    by_model = {}
    for asset in public_assets().only("path", "models_3d"):
        code = states.get(asset.path[: -Page.steplen], "")
        for model_id in _model_ids(asset):
            by_model.setdefault(model_id, code)
    sizes = {}
    for model in ThreeDModel.objects.filter(pk__in=by_model).only("web_file", "thumbnail"):
        total = 0
        for field in (model.web_file, model.thumbnail):
            try:
                total += field.size if field else 0
            except OSError:
                pass
        code = by_model[model.pk]
        sizes[code] = sizes.get(code, 0) + total
    cache.set(key, sizes, SIZE_CACHE_SECONDS)
    return sizes
