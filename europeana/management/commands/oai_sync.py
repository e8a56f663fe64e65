"""Bring the OAI-PMH item table in line with the pages (after installing or a bulk import)."""

from django.core.management.base import BaseCommand

from europeana.models import OAIRecord
from europeana.state import sync_all


class Command(BaseCommand):
    help = "Record every public asset for OAI-PMH and mark assets no longer public as deleted."

    def handle(self, *args, **options):
        sync_all()
        live = OAIRecord.objects.filter(deleted=False).count()
        deleted = OAIRecord.objects.filter(deleted=True).count()
        self.stdout.write(f"OAI-PMH records: {live} public, {deleted} deleted.")
