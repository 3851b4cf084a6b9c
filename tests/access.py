"""The role x view matrix, shared by every app.

Each app keeps its rows in ``tests/<app>/access.py``:

    def build(world):            # optional: add the app's objects to the world
        world.meeting = MeetingFactory(group=world.group)

    ROWS = {
        "meetings:detail": Row(
            kwargs=lambda w: {"project_pk": w.project.pk, "pk": w.meeting.pk},
            expect=expect(lead=200, support=200, chair=200, manager=200, admin=200),
        ),
    }

and runs them in ``tests/<app>/test_access.py`` (one file per app, so both test workers share
the matrix). ``expect`` fills the roles not named: anonymous visitors are sent to sign in (302),
and people with no business there (another organisation, an officer with no role on the project)
get 404. ``tests/test_access_matrix.py`` fails when a URL has no row.

The world is built once per test module (the ``access_world`` fixture in ``tests/conftest.py``);
each case (``access_case``) runs in a savepoint inside it with its own copy of the world's files,
so what a POST changes is rolled back before the next.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

ROLES = ["anonymous", "other_org", "outsider", "support", "lead", "chair", "manager", "admin"]


def expect(**statuses):
    base = {"anonymous": 302, "other_org": 404, "outsider": 404}
    base.update(statuses)
    missing = set(ROLES) - set(base)
    if missing:
        raise ValueError(f"expect() needs a status for {sorted(missing)}")
    return base


@dataclass
class Row:
    kwargs: Callable = lambda w: {}
    expect: dict = field(default_factory=dict)
    method: str = "get"
    # For POST rows: the data to send (a callable of the world). Statuses then are the
    # response to the POST (302 after success, 404, 403...).
    data: Callable = lambda w: {}
    # A row may name a query string, e.g. for filters.
    query: str = ""


@dataclass
class World:
    users: dict = field(default_factory=dict)


def app_access_modules():
    import tests

    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.access")
            except ModuleNotFoundError:
                continue


def all_rows():
    rows = {}
    for module in app_access_modules():
        rows.update(module.ROWS)
    return rows


def world_build():
    """One organisation with a project, a group and a person in every role; then each app's objects."""
    from tests.factories import GroupFactory, OrganisationFactory, ProjectFactory, ProjectRoleFactory, UserFactory

    organisation = OrganisationFactory(name="West Berkshire Council")
    project = ProjectFactory(organisation=organisation)
    world = World()
    world.organisation = organisation
    world.project = project
    world.group = GroupFactory(project=project)
    world.users = {
        "other_org": UserFactory(role="admin"),
        "outsider": UserFactory(organisation=organisation),
        "support": ProjectRoleFactory(project=project, role="support").user,
        "lead": ProjectRoleFactory(project=project, role="lead").user,
        "chair": ProjectRoleFactory(project=project, role="chair", user__role="chair").user,
        "manager": UserFactory(organisation=organisation, role="manager"),
        "admin": UserFactory(organisation=organisation, role="admin"),
    }
    # Every app's objects, whichever app's rows run: some rows reach across apps.
    for module in app_access_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


def cases(rows):
    """(role, name) for every role and row, in the order and with the ids the matrix always had."""
    return [(role, name) for role in ROLES for name in sorted(rows)]


def check(client, world, rows, name, role):
    row = rows[name]
    if role != "anonymous":
        client.force_login(world.users[role])
    url = reverse(name, kwargs=row.kwargs(world)) + (f"?{row.query}" if row.query else "")
    if row.method == "post":
        response = client.post(url, row.data(world))
    else:
        response = client.get(url)
    expected = row.expect[role]
    assert response.status_code == expected, f"{role} {row.method.upper()} {url}: {response.status_code} != {expected}"
