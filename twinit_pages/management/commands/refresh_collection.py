"""Rebuild the collection entries the explorer and the search count (see collection_entries.py).

Publishing keeps them up to date; this is for a bulk load that bypassed the page signals, for
a database restored from a dump taken before the entries existed, and after a change to the
facet vocabularies (the bit masks follow their order). Readers see the old entries until the
new ones are all written.
"""

from django.core.management.base import BaseCommand

from twinit_pages.collection_entries import refresh_all


class Command(BaseCommand):
    help = "Rebuild the explorer's and the search's collection entries from the live pages."

    def handle(self, *args, **options):
        groups = refresh_all()
        self.stdout.write(f"Collection entries rebuilt for {groups} assets.")
