from pathlib import Path

from django.core.management.base import BaseCommand

from ops.backup import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and MEDIA_ROOT into a new folder under TARGET."

    def add_arguments(self, parser):
        parser.add_argument("target", help="Folder to create the backup in (e.g. /var/backups/twinit).")

    def handle(self, *args, target, **options):
        folder = backup(Path(target))
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
