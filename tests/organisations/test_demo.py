from django.conf import settings
from django.core.management import call_command
from django.test import Client

from organisations import demo
from organisations.models import Organisation, User
from projects.models import Outcome, Project, ProjectRole, Stage
from reporting.management.commands.load_demo import DEMOS

GUIDE_AIM = (
    "For residents and West Berkshire Council to work together in equal partnership to develop an introductory "
    "guidance note on community energy generation in West Berkshire."
)


def test_load_demo_creates_the_demo_organisation_once(db):
    call_command("load_demo", verbosity=0)
    counts = (User.objects.count(), Project.objects.count(), Outcome.objects.count())
    call_command("load_demo", verbosity=0)
    assert (User.objects.count(), Project.objects.count(), Outcome.objects.count()) == counts

    organisation = Organisation.objects.get()
    assert organisation.name == "West Berkshire Council" and organisation.require_mfa is False
    roles = sorted(User.objects.values_list("role", flat=True))
    assert roles == ["admin", "chair", "manager", "officer", "officer"]


def test_demo_has_the_guides_test_project_and_two_more_at_other_stages(db):
    call_command("load_demo", verbosity=0)
    test_project = Project.objects.get(aim=GUIDE_AIM)
    service = list(test_project.outcomes.filter(kind=Outcome.Kind.SERVICE).values_list("title", flat=True))
    assert service == [
        "Community groups have clear and accessible information about how to develop a community energy project.",
        "There is an increase in the number of community groups in West Berkshire generating their own renewable "
        "energy.",
    ]
    assert test_project.outcomes.filter(kind=Outcome.Kind.COPRODUCTION).count() == 4
    projects = Project.objects.with_progress()
    assert {p.stage for p in projects} == {Stage.PLANNING, Stage.DELIVERING, Stage.REFLECTING}
    assert len({p.service_area for p in projects}) == 3
    assert all(p.activities_total > 0 for p in projects)
    chair = User.objects.get(role="chair")
    assert ProjectRole.objects.filter(user=chair, role=ProjectRole.Role.CHAIR).exists()


def test_every_demo_sign_in_works(db):
    call_command("load_demo", verbosity=0)
    for email, _name, _role in demo.USERS.values():
        client = Client()
        response = client.post("/accounts/login/", {"login": email, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302 and response.url == "/", email
        assert client.get("/").status_code == 200


def test_each_apps_demo_is_loaded_after_the_apps_it_builds_on(db, monkeypatch):
    apps = [module.__name__.split(".")[0] for module in DEMOS]
    assert apps == [app for app in settings.INSTALLED_APPS if app in apps]
    calls = []
    for module in DEMOS:
        app = module.__name__.split(".")[0]
        monkeypatch.setattr(module, "load", lambda organisation, context, app=app: calls.append((app, dict(context))))
    call_command("load_demo", verbosity=0)
    assert [app for app, _context in calls] == apps
    assert set(calls[0][1]["users"]) == set(demo.USERS)
