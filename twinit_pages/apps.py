from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinitPagesConfig(AppConfig):
    name = "twinit_pages"
    verbose_name = _("Campaign pages")

    def ready(self):
        from twinit_pages import signals

        signals.connect_model_signals()
