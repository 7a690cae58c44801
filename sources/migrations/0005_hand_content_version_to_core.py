from django.db import migrations


class Migration(migrations.Migration):
    """The sources app stops owning ContentVersion; core owns the same table from now on."""

    dependencies = [
        ("sources", "0004_add_versions_and_history"),
        ("core", "0001_take_over_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        ),
    ]
