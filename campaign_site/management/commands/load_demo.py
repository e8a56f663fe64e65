from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from locales.setup import ensure_locales
from twinit_pages.demo.loader import DemoLoader

# Documented in the README; created only when DEBUG is on, never on a production site.
DEV_ADMIN = ("admin", "twinit-demo")


class Command(BaseCommand):
    help = "Build the demo campaign site (idempotent): home, 27 Member States, assets, pages."

    def handle(self, *args, **options):
        call_command("setup_campaign", stdout=self.stdout)
        ensure_locales()
        if settings.DEBUG:
            # First, so the demo's submissions and approvals carry the demo people's names.
            from workflows.demo import create_demo_users

            create_demo_users(log=self.stdout.write)
        loader = DemoLoader()
        loader.run()
        # Search indexing normally runs in the background worker; the demo is searchable at once.
        call_command("update_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({loader.created} objects new)."))
        if settings.DEBUG:
            username, password = DEV_ADMIN
            User = get_user_model()
            if not User.objects.filter(username=username).exists():
                User.objects.create_superuser(username, "admin@example.org", password)
            self.stdout.write(f"Development admin: /admin/ as {username} / {password}")
