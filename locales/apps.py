from django.apps import AppConfig


class LocalesConfig(AppConfig):
    name = "locales"
    label = "twinit_locales"
    verbose_name = "Languages"
