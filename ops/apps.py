from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site in production: request ids and logging, health, rate limits, backups."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import hardening

        hardening.install()
