import datetime as dt

from django.utils import timezone

from core.anonymity import token_new
from tests.access import Row, expect
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    ReflectionAnswerFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
    ReflectionSetupFactory,
)


def build(world):
    world.reflection_setup = ReflectionSetupFactory(group=world.group)
    world.reflection_round = ReflectionRoundFactory(group=world.group, code="KM4TQX")
    world.reflection_planned = ReflectionRoundFactory(
        group=world.group,
        status="planned",
        code=None,
        date=timezone.localdate() + dt.timedelta(days=30),
        opens_at=timezone.now() + dt.timedelta(days=30),
    )
    token, hashed = token_new()
    person = MembershipFactory(group=world.group).person
    ReflectionInvitationFactory(round=world.reflection_round, person=person, token_hash=hashed)
    world.reflection_token = token
    ReflectionAnswerFactory(round=world.reflection_round, better="Shorter meetings")
    world.we_did = world.reflection_round.we_did.create(you_said="Shorter meetings", we_did="We finish by 4pm")
    world.reflection_meeting = MeetingFactory(group=world.group)


def _group(w):
    return {"project_pk": w.project.pk, "group_pk": w.group.pk}


def _round(w):
    return {**_group(w), "round_pk": w.reflection_round.pk}


SEES = dict(support=200, lead=200, chair=200, manager=200, admin=200)
RUNS = dict(support=200, lead=200, chair=200, manager=403, admin=200)
RESULTS = dict(support=403, lead=200, chair=200, manager=403, admin=403)
EVERYONE = dict.fromkeys(["anonymous", "other_org", "outsider", "support", "lead", "chair", "manager", "admin"])

ROWS = {
    "feedback:overview": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**SEES)),
    "feedback:setup": Row(kwargs=_group, expect=expect(**RUNS)),
    "feedback:round": Row(kwargs=_round, expect=expect(**RUNS)),
    "feedback:round_open": Row(
        kwargs=lambda w: {**_group(w), "round_pk": w.reflection_planned.pk},
        method="post",
        expect=expect(support=302, lead=302, chair=302, manager=403, admin=302),
    ),
    "feedback:round_close": Row(
        kwargs=_round, method="post", expect=expect(support=302, lead=302, chair=302, manager=403, admin=302)
    ),
    "feedback:dashboard": Row(kwargs=_group, expect=expect(**RESULTS)),
    "feedback:present": Row(kwargs=_group, expect=expect(**RESULTS)),
    "feedback:we_did_create": Row(kwargs=_round, expect=expect(**RESULTS)),
    "feedback:we_did_edit": Row(kwargs=lambda w: {**_group(w), "pk": w.we_did.pk}, expect=expect(**RESULTS)),
    # Members' pages need no sign-in: the same for everyone.
    "feedback_public:answer": Row(kwargs=lambda w: {"token": w.reflection_token}, expect=dict.fromkeys(EVERYONE, 200)),
    "feedback_public:code": Row(expect=dict.fromkeys(EVERYONE, 200)),
    # Without a code entered first, the answer page sends you to enter one.
    "feedback_public:code_answer": Row(expect=dict.fromkeys(EVERYONE, 302)),
}
