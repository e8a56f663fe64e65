from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Submission workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from workflows import deletion, notifications, signals

        signals.connect()
        deletion.connect()
        notifications.connect()
