from django.db import migrations, models


class Migration(migrations.Migration):
    """ContentVersion moves from sources to core: the table stays as it is, only its owner changes."""

    initial = True

    dependencies = [("sources", "0004_add_versions_and_history")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("version", models.BigIntegerField(default=0)),
                        ("changed_at", models.DateTimeField()),
                    ],
                    options={"db_table": "sources_contentversion"},
                ),
            ],
            database_operations=[],
        ),
    ]
