"""Django app configuration for the 3D model library."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Models3DConfig(AppConfig):
    name = "models3d"
    label = "models3d"
    verbose_name = _("3D models")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        from . import signal_handlers  # noqa: F401
        from .models import ThreeDModel
        from .permissions import permission_policy

        # Registered here, before any view asks the registry and gets a fallback policy.
        register_permission_policy(ThreeDModel, permission_policy)
        ReferenceIndex.register_model(ThreeDModel)
