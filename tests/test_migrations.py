import io

import pytest
from django.core.management import call_command


# makemigrations checks the history of every database the router may migrate: the test settings'
# replica (tests/test_read_replicas.py) included.
@pytest.mark.django_db(databases=["default", "replica1"])
def test_the_migrations_match_the_models():
    out = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_the_editor_and_reviewer_groups_exist_with_the_review_permission_for_reviewers_only():
    from django.contrib.auth.models import Group

    editor = Group.objects.get(name="Editor")
    reviewer = Group.objects.get(name="Reviewer")

    assert not editor.permissions.filter(codename="review_quote").exists()
    assert reviewer.permissions.filter(codename="review_quote").exists()
    assert editor.permissions.filter(codename="add_quote").exists()
