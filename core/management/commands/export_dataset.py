import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.dataset import export_dataset


def progress_printer(stream):
    """A one-line progress bar per table, redrawn in place on a terminal."""

    def report(label, done, total):
        width = 30
        filled = width * done // total if total else width
        end = "\n" if done >= total else ""
        prefix = "\r" if stream.isatty() else ""
        if stream.isatty() or done >= total:
            stream.write(f"{prefix}{label:<32} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
            stream.flush()

    return report


class Command(BaseCommand):
    help = (
        "Write every record (history included) to a folder as JSON Lines with a manifest of counts and "
        "checksums: a lossless backup that import_dataset restores."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="Folder to write (created if missing; existing files are replaced).")

    def handle(self, *args, out, **options):
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} exists and is not a folder.")
        manifest = export_dataset(folder, progress=progress_printer(sys.stderr))
        rows = sum(item["rows"] for item in manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Exported {rows} rows in {len(manifest['files'])} files to {folder}.")
        )
