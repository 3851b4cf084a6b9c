"""Every URL pattern of the project, for every role: who gets in and who gets a 404."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import ROLES, World
from tests.factories import GroupFactory, OrganisationFactory, ProjectFactory, ProjectRoleFactory, UserFactory

# Third-party and framework URLs that are not ours to test here.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_PREFIXES = ("accounts/", "admin/", "static/")


def _app_access_modules():
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.access")
            except ModuleNotFoundError:
                continue


def _all_rows():
    rows = {}
    for module in _app_access_modules():
        rows.update(module.ROWS)
    return rows


def _url_names(resolver=None, namespace=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES or route.startswith(SKIPPED_PREFIXES):
                continue
            ns = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _url_names(pattern, ns or None, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


ROWS = _all_rows()


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted(set(_url_names()) - set(ROWS))
    assert not missing, f"Add rows to tests/<app>/access.py for: {missing}"


@pytest.fixture
def world(db):
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
    for module in _app_access_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


@pytest.mark.parametrize("name", sorted(ROWS))
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, world, name, role):
    row = ROWS[name]
    if role != "anonymous":
        client.force_login(world.users[role])
    url = reverse(name, kwargs=row.kwargs(world)) + (f"?{row.query}" if row.query else "")
    if row.method == "post":
        response = client.post(url, row.data(world))
    else:
        response = client.get(url)
    expected = row.expect[role]
    assert response.status_code == expected, f"{role} {row.method.upper()} {url}: {response.status_code} != {expected}"
