"""Re-extract the public interface strings and merge them into the 24 catalogues.

    python manage.py update_catalogues           # extract, merge, report what needs translating
    python manage.py update_catalogues --check   # CI: fail if a catalogue is stale or incomplete

Python only: no xgettext/msgmerge needed. Run compile_catalogues afterwards (the set-up does).
"""

from django.core.management.base import BaseCommand, CommandError

from campaign.languages import LANGUAGE_CODES
from locales import catalogues
from locales.extract import extract


class Command(BaseCommand):
    help = "Extract public interface strings and merge them into locales/locale/*/django.po."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true",
            help="Write nothing; exit with an error if any catalogue is stale or incomplete.",
        )
        parser.add_argument("--language", action="append", choices=LANGUAGE_CODES)

    def handle(self, *args, **options):
        languages = options["language"] or LANGUAGE_CODES
        messages = extract()
        self.stdout.write(f"{len(messages)} public string(s) extracted.")
        if options["check"]:
            found = []
            for language in languages:
                found += catalogues.problems(language, messages=messages)
            if found:
                raise CommandError("\n".join(found[:50]) + f"\n{len(found)} problem(s).")
            self.stdout.write("Every catalogue is complete.")
            return
        report = catalogues.update(languages, messages)
        for language, missing in report.items():
            if missing:
                self.stdout.write(f"{language}: {missing} string(s) to translate")
        if not any(report.values()):
            self.stdout.write("Every catalogue is complete.")
