import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.dataset import DatasetError, import_dataset
from core.management.commands.export_dataset import progress_printer


class Command(BaseCommand):
    help = (
        "Restore a folder written by export_dataset into an empty, migrated database (ids, versions and "
        "history kept). Refuses a database that already holds data unless --merge."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by export_dataset.")
        parser.add_argument(
            "--merge",
            action="store_true",
            help="Add to a database that already holds data (ids must not clash).",
        )

    def handle(self, *args, folder, merge, **options):
        try:
            counts = import_dataset(Path(folder), merge=merge, progress=progress_printer(sys.stderr))
        except DatasetError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(counts.values())} rows from {folder}."))
