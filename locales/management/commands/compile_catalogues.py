"""Compile the interface's gettext catalogues (.po → .mo) without GNU gettext installed.

Django's own compilemessages needs the msgfmt binary; a newcomer's machine may not have it,
and the set-up must work with Python alone.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS into its .mo file."

    def handle(self, *args, **options):
        compiled = 0
        for base in settings.LOCALE_PATHS:
            for po_path in sorted(Path(base).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
