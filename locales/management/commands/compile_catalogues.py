"""Compile the interface's gettext catalogues (.po → .mo) without GNU gettext installed.

Django's own compilemessages needs the msgfmt binary; a newcomer's machine may not have it,
and the set-up must work with Python alone.
"""

from django.core.management.base import BaseCommand

from locales.catalogues import compile_all


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS into its .mo file."

    def handle(self, *args, **options):
        self.stdout.write(f"Compiled {compile_all()} catalogue(s).")
