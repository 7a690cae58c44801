from django.db import models


class HistoryContext(models.Model):
    """Extra columns on every historical record: the way the change came in."""

    history_via = models.CharField(
        "changed through",
        max_length=40,
        blank=True,
        help_text="admin, api, article import, spreadsheet import, load_demo, …",
    )

    class Meta:
        abstract = True
