"""Write the hackathon dataset zip (web GLBs, JSON-LD, CSV, EDM, thumbnails, LICENCES)."""

from django.core.management.base import BaseCommand, CommandError

from campaign.choices import MEMBER_STATE_CODES
from europeana.dataset import write_dataset


class Command(BaseCommand):
    help = "Export every published asset as the open hackathon dataset (a zip, built streaming)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="Path of the zip file to write.")
        parser.add_argument("--country", help="ISO 3166 code of one Member State (e.g. EE).")

    def handle(self, *args, output, country=None, **options):
        if country:
            country = country.upper()
            if country not in MEMBER_STATE_CODES:
                raise CommandError(f"{country} is not an EU Member State code.")
        write_dataset(output, country)
        self.stdout.write(f"Wrote the dataset to {output}.")
