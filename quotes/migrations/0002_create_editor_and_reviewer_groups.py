from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "sources": {
        "outlet": ("add", "change", "view"),
        "source": ("add", "change", "view"),
        "contributor": ("add", "change", "delete", "view"),
    },
    "quotes": {
        "speaker": ("add", "change", "view"),
        "speakeralias": ("add", "change", "delete", "view"),
        "role": ("add", "change", "delete", "view"),
        "tag": ("add", "change", "view"),
        "quote": ("add", "change", "view"),
        "citation": ("add", "change", "delete", "view"),
    },
}

REVIEWER_EXTRA = {
    "sources": {"outlet": ("delete",), "source": ("delete",)},
    "quotes": {"speaker": ("delete",), "tag": ("delete",), "quote": ("delete", "review")},
}


def _codenames(spec):
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; this data needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec):
        found = []
        for app_label, codename in _codenames(spec):
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(permissions(EDITOR_PERMISSIONS))
    reviewer, _ = Group.objects.get_or_create(name="Reviewer")
    reviewer.permissions.set(permissions(EDITOR_PERMISSIONS) + permissions(REVIEWER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0001_create_speakers_quotes_and_citations"),
        ("sources", "0001_create_outlets_and_sources"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
