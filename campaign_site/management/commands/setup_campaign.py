from django.core.management.base import BaseCommand

from campaign_site.setup import setup_campaign


class Command(BaseCommand):
    help = (
        "Create (idempotently) the campaign's groups, collections, permissions, the 24 locales "
        "and the workflow “Twin it! submission” on the campaign home page."
    )

    def handle(self, *args, **options):
        workflow = setup_campaign()
        self.stdout.write(self.style.SUCCESS(f"Campaign set up: workflow “{workflow.name}”."))
