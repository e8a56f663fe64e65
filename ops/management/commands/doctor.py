from django.core.management.base import BaseCommand, CommandError

from ops.doctor import PROBLEM, diagnose


class Command(BaseCommand):
    help = "Look for configuration mistakes and broken services; explain each in plain words."

    def handle(self, *args, **options):
        found = diagnose()
        for level, message in found:
            style = self.style.ERROR if level == PROBLEM else self.style.WARNING
            self.stdout.write(style(f"{level.upper()}: {message}"))
        problems = sum(1 for level, _ in found if level == PROBLEM)
        if problems:
            raise CommandError(f"{problems} problem(s) to fix.")
        self.stdout.write(self.style.SUCCESS("No problems found." if not found else
                                             "No problems found; see the advice above."))
