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

``expect`` fills the roles not named: anonymous visitors are sent to sign in (302), and
people with no business there (another organisation, an officer with no role on the
project) get 404. ``tests/test_access_matrix.py`` fails when a URL has no row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

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
