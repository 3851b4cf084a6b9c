import os
import shutil

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.access import world_build
from tests.factories import PASSWORD, OrganisationFactory, ProjectRoleFactory, UserFactory

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the
# tests make beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="West Berkshire Council", min_responses=5)


@pytest.fixture
def officer(organisation):
    return UserFactory(organisation=organisation, name="Olive Officer")


@pytest.fixture
def manager(organisation):
    return UserFactory(organisation=organisation, role="manager", name="Mina Manager")


@pytest.fixture
def org_admin(organisation):
    return UserFactory(organisation=organisation, role="admin", name="Ada Admin")


@pytest.fixture
def project(officer):
    """A project led by ``officer``."""
    return ProjectRoleFactory(user=officer, project__organisation=officer.organisation, role="lead").project


@pytest.fixture(scope="module")
def access_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The role x view matrix's world, built once per module in a transaction that is rolled back
    at its end. Each case (with ``db``) runs in a savepoint inside it, so cases stay independent."""
    media = tmp_path_factory.mktemp("access-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        world = world_build()
        world.media_root = media
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def access_case(db, access_world, media_root):
    """The matrix's world for one case: its rows roll back with the case's savepoint, and its
    files are a fresh copy in this case's MEDIA_ROOT (a case may delete a paper)."""
    shutil.copytree(access_world.media_root, media_root, dirs_exist_ok=True)
    return access_world


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads in every test go to a temporary folder, never the working tree's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def worker_keeps_test_connection(monkeypatch):
    """The worker closes "old" connections between tasks; inside a test's transaction that
    would close the test's own connection (PostgreSQL), so every test keeps it open."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def run_tasks(db):
    """Run every task that is due now, as the worker would (repeatable; use with time-machine)."""

    def run():
        call_command("db_worker", batch=True, startup_delay=False, queue_name="*", reload=False, verbosity=0)

    return run


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 667},
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    result = _after_navigation(page, lambda: _axe_run(page, Axe()))
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in result.response["violations"]
    ]


def _axe_run(page, axe):
    # axe's target-size rule measures only the part of a link inside the viewport, so a page
    # opened at an anchor (#actions) could fail on header links half scrolled away, depending on
    # how long the page above is. Every check starts from the top, so results do not depend on it.
    page.evaluate("window.scrollTo(0, 0)")
    return axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})


def _after_navigation(page, run, attempts=3):
    """Run once the page that a click or submit led to has loaded.

    A click returns once the navigation has committed, which can be before the new document has
    an <html> element; a script run in that gap sees no document (or has its context destroyed).
    That is the test racing the browser, not something wrong with the page, so wait and retry.
    """
    from playwright.sync_api import Error

    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            return run()
        except Error as error:
            racing = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not racing or attempt == attempts - 1:
                raise


@pytest.fixture
def assert_accessible():
    """Call on every page a browser test visits: any WCAG 2.2 A/AA violation fails the test."""

    def check(page):
        violations = axe_violations(page)
        assert not violations, f"{page.url}:\n" + "\n".join(violations)

    return check


@pytest.fixture
def sign_in(assert_accessible):
    """Sign a staff user in through the real sign-in form."""

    def do(page, user, password=PASSWORD):
        page.goto("/accounts/login/")
        assert_accessible(page)
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return do
