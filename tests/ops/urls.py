"""The site's URLs plus views that fail the way production fails (for the observability tests)."""

from django.db import OperationalError
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1 port 5432 failed: Connection refused")


urlpatterns = [path("test-ops/database-down/", database_down), *site_urlpatterns]
