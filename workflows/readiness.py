"""The Europeana readiness check: what an asset still lacks before people review it.

One function, ``check(page)``, used by the automated workflow task, the dashboard and tests. Field
rules come from ``twinit_pages.completeness`` (the same rules the editor form applies); tier rules
come from ``europeana.tiers.predict`` (the same implementation the EDM export uses). Nothing here
re-implements either.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from twinit_pages.completeness import is_blank, missing_for_submission

READY = "ready"


@dataclass
class Readiness:
    problems: list[str] = field(default_factory=list)
    content_tier: int | None = None
    metadata_tier: str = ""
    hints: list[str] = field(default_factory=list)
    applicable: bool = True

    @property
    def passed(self):
        return not self.problems

    def checklist(self):
        """The plain-words report shown in the workflow history and sent by email."""
        lines = []
        if self.problems:
            lines.append(_("Before review, please add or fix:"))
            lines += [f"- [ ] {problem}" for problem in self.problems]
        else:
            lines.append(_("All Europeana requirements are met."))
        if self.content_tier is not None:
            lines.append(
                _("Predicted Europeana tiers: content tier %(content)s, "
                  "metadata tier %(metadata)s.")
                % {"content": self.content_tier, "metadata": self.metadata_tier or "0"}
            )
        if self.hints:
            lines.append(_("To reach a higher tier:"))
            lines += [f"- {hint}" for hint in self.hints]
        return "\n".join(lines)


def is_asset(page):
    from twinit_pages.models import HeritageAssetPage

    return isinstance(page, HeritageAssetPage)


def three_d_problems(page):
    """At least one 3D model processed without errors (models3d app, via page.three_d_models())."""
    models = list(page.three_d_models())
    if not models:
        return [_("Add at least one 3D model.")]
    foreign = foreign_models(page, models)
    if foreign:
        return [
            _("The 3D model(s) %(names)s belong to another Member State's collection: "
              "use models uploaded to your own collection.") % {"names": ", ".join(foreign)}
        ]
    if any(getattr(model, "status", None) == READY for model in models):
        return []
    failed = [str(model) for model in models if getattr(model, "status", None) == "failed"]
    if failed:
        return [
            _("Processing failed for the 3D model(s) %(names)s: upload a corrected file.")
            % {"names": ", ".join(failed)}
        ]
    return [_("Wait until at least one 3D model has finished processing, then resubmit.")]


def foreign_models(page, models):
    """Models kept in another Member State's collection (the chooser never offers them; a crafted
    form post could still name one)."""
    from campaign.choices import MEMBER_STATE_CODES
    from campaign.geography import country_of

    iso = country_of(page) if page.pk else ""
    foreign = []
    for model in models:
        collection = getattr(model, "collection", None)
        if collection is None:
            continue
        countries = {c.name for c in collection.get_ancestors(inclusive=True)}
        countries &= set(MEMBER_STATE_CODES)
        if countries and iso not in countries:
            foreign.append(str(model))
    return foreign


def alt_text_problems(page):
    problems = []
    for number, item in enumerate(page.gallery_images.all(), start=1):
        if item.image_id and is_blank(item.alt_text):
            problems.append(_("Write alt text for gallery image %(n)s.") % {"n": number})
    for element in page.elements.all():
        if element.image_id and is_blank(element.image_alt_text):
            problems.append(
                _("Write alt text for the image of the element “%(name)s”.")
                % {"name": element.name}
            )
    for block in page.stories:
        if block.block_type == "image" and block.value.get("image") and is_blank(
            block.value.get("alt_text")
        ):
            problems.append(_("Write alt text for every image in the stories."))
            break
    return problems


def predict_tiers(page):
    from europeana.tiers import predict

    return predict(page)


def check(page):
    """Readiness of one page (normally the revision being submitted, as an object)."""
    page = page.specific if hasattr(page, "specific") else page
    if not is_asset(page):
        return Readiness(applicable=False)
    problems = list(missing_for_submission(page).values())
    problems += three_d_problems(page)
    problems += alt_text_problems(page)
    prediction = predict_tiers(page)
    if prediction is not None:
        # What stops Europeana from ingesting the record at all (europeana.tiers decides).
        problems += getattr(prediction, "blocking", [])
    readiness = Readiness(problems=list(dict.fromkeys(str(p) for p in problems)))
    if prediction is not None:
        readiness.content_tier = prediction.content_tier
        readiness.metadata_tier = prediction.metadata_tier
        readiness.hints = [str(hint) for hint in prediction.hints]
    return readiness
