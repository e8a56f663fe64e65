from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import restore


class Command(BaseCommand):
    help = "Restore a backup folder (from `backup`) into the configured, empty database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (it holds manifest.json).")

    def handle(self, *args, folder, **options):
        try:
            restore(Path(folder))
        except (RuntimeError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            "Restored. Run `manage.py migrate` if the code is newer than the backup; dataset "
            "zips are rebuilt by db_worker."))
