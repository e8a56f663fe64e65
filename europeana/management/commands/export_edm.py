"""Write one EDM RDF/XML file per public asset into a zip, for Europeana's ingestion tools."""

import zipfile

from django.core.management.base import BaseCommand, CommandError

from campaign.choices import MEMBER_STATE_CODES
from europeana.bulk import assets_in, batches, records_for
from europeana.edm import record_to_xml


class Command(BaseCommand):
    help = "Export every published asset as EDM RDF/XML, one file per asset, into a zip."

    def add_arguments(self, parser):
        parser.add_argument("output", help="Path of the zip file to write.")
        parser.add_argument("--country", help="ISO 3166 code of one Member State (e.g. EE).")
        parser.add_argument("--validate", action="store_true",
                            help="Validate each record against EDM.xsd and the Schematron.")

    def handle(self, *args, output, country=None, validate=False, **options):
        if country:
            country = country.upper()
            if country not in MEMBER_STATE_CODES:
                raise CommandError(f"{country} is not an EU Member State code.")
        validator = None
        if validate:
            from europeana import validation

            if not validation.schema_available():
                raise CommandError(f"EDM schemas not found at {validation.schema_dir()}.")
            validator = validation.validate
        count = invalid = 0
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for batch in batches(assets_in(country)):
                for record in records_for(batch):
                    xml = record_to_xml(record)
                    if validator:
                        result = validator(xml)
                        if not result.valid:
                            invalid += 1
                            self.stderr.write(f"asset {record.identifier}: "
                                              + "; ".join(result.errors))
                    name = f"{record.country or 'XX'}/asset-{record.identifier}.xml"
                    archive.writestr(name, xml)
                    count += 1
        self.stdout.write(f"Wrote {count} EDM records to {output}"
                          + (f" ({invalid} invalid)" if validator else "") + ".")
        if invalid:
            raise CommandError(f"{invalid} records are not valid EDM.")
