"""Score the article quote extractor on the annotated development set."""

import json

from django.core.management.base import BaseCommand

from quotes.extraction.evaluation import DEFAULT_DEVSET, evaluate_devset, format_report


class Command(BaseCommand):
    help = (
        "Run the quote extractor over the annotated dev set and print precision/recall/F1 for "
        "quote spans and speaker accuracy, per language and overall."
    )

    def add_arguments(self, parser):
        parser.add_argument("--devset", default=str(DEFAULT_DEVSET), help="folder of annotated JSON articles")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--verbose", action="store_true", help="list every miss and mismatch")

    def handle(self, *args, **options):
        report = evaluate_devset(directory=options["devset"])
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(format_report(report, verbose=options["verbose"]))
