"""Languages of the campaign, the gettext catalogues of the interface (``locale/``), translator
permissions and translation review."""
from django.apps import AppConfig


class LocalesConfig(AppConfig):
    name = "locales"
    label = "twinit_locales"
    verbose_name = "Languages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from locales import signals

        signals.connect()
