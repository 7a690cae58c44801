import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_it_reports():
    import os

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
