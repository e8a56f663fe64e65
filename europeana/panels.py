"""The predicted Europeana tiers on the asset editor, with what to add to reach the next tier.

The prediction is europeana.tiers.predict: the same rules the readiness check and the export use.
It reflects the last saved version of the page, so contributors save a draft to refresh it.
"""

from wagtail.admin.panels import Panel


class TierPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "europeana/admin/tier_panel.html"

        def get_context_data(self, parent_context=None):
            from europeana.tiers import predict

            context = super().get_context_data(parent_context)
            page = self.instance
            context["prediction"] = predict(page) if page.pk else None
            return context
