from django.db import migrations


class Migration(migrations.Migration):
    """The sources app stops owning ContentVersion; core owns the same table from now on."""

    dependencies = [
        ("sources", "0005_add_outlet_timezone"),
        ("core", "0001_take_over_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        ),
    ]
