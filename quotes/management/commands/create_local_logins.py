import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".local-credentials"

LOGINS = [
    # username, group (None: superuser), environment variable with the password
    ("admin", None, "ADMIN_PASSWORD"),
    ("editor", "Editor", "EDITOR_PASSWORD"),
    ("reviewer", "Reviewer", "REVIEWER_PASSWORD"),
]


class Command(BaseCommand):
    help = (
        "Create the local logins (admin, editor, reviewer) for a development checkout. Passwords come "
        "from ADMIN_PASSWORD / EDITOR_PASSWORD / REVIEWER_PASSWORD, or are generated and printed once "
        "(and kept in .local-credentials). Existing users are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow running with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to create demo logins with DEBUG off; pass --force if you mean it.")
        created = []
        for username, group_name, env_var in LOGINS:
            if User.objects.filter(username=username).exists():
                continue
            password = os.environ.get(env_var) or secrets.token_urlsafe(12)
            if group_name is None:
                user = User.objects.create_superuser(username=username, password=password, email="")
            else:
                user = User.objects.create_user(username=username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=group_name))
            created.append((username, group_name or "superuser", password, env_var))
        if not created:
            hint = f" (passwords in {CREDENTIALS_FILE.name})" if CREDENTIALS_FILE.exists() else ""
            self.stdout.write(f"Local logins already exist: admin, editor, reviewer{hint}.")
            return
        lines = [f"{username} ({role}): {password}" for username, role, password, _ in created]
        generated = [
            line for line, (*_, env_var) in zip(lines, created, strict=True) if not os.environ.get(env_var)
        ]
        if generated:
            with CREDENTIALS_FILE.open("a") as handle:
                handle.write("\n".join(generated) + "\n")
            CREDENTIALS_FILE.chmod(0o600)
        self.stdout.write(self.style.SUCCESS("Created local logins for the admin (/admin/):"))
        for line in lines:
            self.stdout.write(f"  {line}")
        if generated:
            self.stdout.write(
                f"Generated passwords are also kept in {CREDENTIALS_FILE.name} (not committed)."
            )
