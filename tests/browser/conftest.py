"""Browser tests: Debian's Chromium driven by Playwright against a live test server.

Each test drives pages only through what they render, as a person would. Screenshots
of each step are kept under ``test-artifacts/screenshots/`` (not committed).

Chromium is an optional service on a developer's machine: without it these tests skip
with a printed reason. In CI (``CI=true``) a missing browser is a failure.
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery"

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# beside one unless told that the test is deliberately synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_missing_reason():
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests cannot run in CI: {reason}")
        print(f"\n*** SKIPPING BROWSER TESTS: {reason} ***")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        yield chromium
        chromium.close()


class Screenshots:
    """Numbered screenshots of one test's steps."""

    def __init__(self, name):
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def __call__(self, page, step):
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{step}.png"), full_page=True)


@pytest.fixture
def shot(request):
    return Screenshots(request.node.name)


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (its own cookies) at the live server; closed after the test."""
    contexts = []

    def open_page(viewport=None):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport or {"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def make_staff(username, group_name=None, **extra):
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=True, **extra)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in(page, username):
    """Sign in through the admin's login form."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    from playwright.sync_api import expect

    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.fixture(autouse=True)
def staff_groups(transactional_db):
    """The Editor and Reviewer groups come from a data migration, which a live-server test flushes."""
    from importlib import import_module

    from django.apps import apps

    import_module("quotes.migrations.0002_create_editor_and_reviewer_groups").create_groups(apps, None)
