import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from quotes.management.commands import create_local_logins

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def credentials_file(tmp_path, monkeypatch):
    path = tmp_path / ".local-credentials"
    monkeypatch.setattr(create_local_logins, "CREDENTIALS_FILE", path)
    return path


def test_it_creates_an_admin_an_editor_and_a_reviewer_and_prints_their_passwords_once(
    settings, credentials_file
):
    settings.DEBUG = True
    first, second = io.StringIO(), io.StringIO()

    call_command("create_local_logins", stdout=first)
    call_command("create_local_logins", stdout=second)

    assert User.objects.get(username="admin").is_superuser
    assert [g.name for g in User.objects.get(username="editor").groups.all()] == ["Editor"]
    assert [g.name for g in User.objects.get(username="reviewer").groups.all()] == ["Reviewer"]
    editor_line = next(line for line in first.getvalue().splitlines() if "editor (Editor): " in line)
    password = editor_line.split(": ", 1)[1]
    assert User.objects.get(username="editor").check_password(password)
    assert password in credentials_file.read_text()
    assert password not in second.getvalue()
    assert "already exist" in second.getvalue()


def test_passwords_can_come_from_the_environment(settings, monkeypatch, credentials_file):
    settings.DEBUG = True
    monkeypatch.setenv("REVIEWER_PASSWORD", "a-reviewer-secret-from-env")

    call_command("create_local_logins", stdout=io.StringIO())

    assert User.objects.get(username="reviewer").check_password("a-reviewer-secret-from-env")
    assert "a-reviewer-secret-from-env" not in credentials_file.read_text()


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("create_local_logins", stdout=io.StringIO())

    assert not User.objects.exists()
