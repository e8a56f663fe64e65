from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EuropeanaConfig(AppConfig):
    name = "europeana"
    verbose_name = _("Europeana and open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
