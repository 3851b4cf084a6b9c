import datetime as dt

from django.utils import timezone

from meetings.models import PackPosting
from meetings.tokens import member_token
from outbox.models import OutgoingEmail
from tests.access import Row, expect
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    PaperFactory,
)

SEES = dict(support=200, lead=200, chair=200, manager=200, admin=200)
MANAGES = dict(support=200, lead=200, chair=404, manager=404, admin=404)
POSTS = dict(support=302, lead=302, chair=404, manager=404, admin=404)
# A member's secret link works for whoever holds it, signed in or not.
LINK = dict(anonymous=200, other_org=200, outsider=200, **SEES)


def build(world):
    world.meeting = MeetingFactory(group=world.group, starts_at=timezone.now() + dt.timedelta(days=20))
    world.item = AgendaItemFactory(meeting=world.meeting)
    world.paper = PaperFactory(item=world.item)
    world.action = ActionFactory(meeting=world.meeting)
    DecisionFactory(meeting=world.meeting)
    world.member = MembershipFactory(group=world.group).person
    world.member_token = member_token(group=world.group, person=world.member)
    world.failed_email = OutgoingEmail.objects.create(
        key=f"pack:{world.meeting.pk}:1:{world.member.pk}",
        kind="meetings.agenda_pack",
        recipient=world.member.email,
        person=world.member,
        topic=world.meeting.topic,
        params={"meeting": world.meeting.pk, "person": world.member.pk, "version": 1},
        status=OutgoingEmail.Status.FAILED,
        attempts=5,
    )
    world.event = EventFactory(project=world.project)
    world.posting = PackPosting.objects.create(meeting=world.meeting, person=world.member, pack_version=1)


def m(w, **extra):
    return {"project_pk": w.project.pk, "pk": w.meeting.pk, **extra}


ROWS = {
    "meetings:list": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**SEES)),
    "meetings:plan": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**MANAGES)),
    "meetings:create": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**MANAGES)),
    "meetings:group_settings": Row(
        kwargs=lambda w: {"project_pk": w.project.pk, "group_pk": w.group.pk}, expect=expect(**MANAGES)
    ),
    "meetings:decision_log": Row(
        kwargs=lambda w: {"project_pk": w.project.pk, "group_pk": w.group.pk}, expect=expect(**SEES)
    ),
    "meetings:detail": Row(kwargs=m, expect=expect(**SEES)),
    "meetings:edit": Row(kwargs=m, expect=expect(**MANAGES)),
    "meetings:cancel": Row(kwargs=m, expect=expect(**MANAGES)),
    "meetings:calendar": Row(kwargs=m, expect=expect(**SEES)),
    "meetings:email_retry": Row(
        kwargs=lambda w: m(w, email_pk=w.failed_email.pk), method="post", expect=expect(**POSTS)
    ),
    "meetings:posting_done": Row(kwargs=lambda w: m(w, posting_pk=w.posting.pk), method="post", expect=expect(**POSTS)),
    "meetings:item_create": Row(kwargs=m, expect=expect(**MANAGES)),
    "meetings:item_edit": Row(kwargs=lambda w: m(w, item_pk=w.item.pk), expect=expect(**MANAGES)),
    "meetings:item_delete": Row(kwargs=lambda w: m(w, item_pk=w.item.pk), method="post", expect=expect(**POSTS)),
    "meetings:item_move": Row(
        kwargs=lambda w: m(w, item_pk=w.item.pk, direction="up"), method="post", expect=expect(**POSTS)
    ),
    "meetings:paper_create": Row(kwargs=lambda w: m(w, item_pk=w.item.pk), expect=expect(**MANAGES)),
    "meetings:paper": Row(kwargs=lambda w: m(w, paper_pk=w.paper.pk), expect=expect(**SEES)),
    "meetings:paper_delete": Row(kwargs=lambda w: m(w, paper_pk=w.paper.pk), method="post", expect=expect(**POSTS)),
    "meetings:agenda_print": Row(kwargs=m, expect=expect(**SEES)),
    "meetings:agenda_pdf": Row(kwargs=m, expect=expect(**SEES)),
    "meetings:notes": Row(kwargs=m, expect=expect(**MANAGES)),
    "meetings:notes_approve": Row(kwargs=m, method="post", expect=expect(**POSTS)),
    "meetings:notes_print": Row(kwargs=m, expect=expect(**SEES)),
    "meetings:notes_pdf": Row(kwargs=m, expect=expect(**SEES)),
    "meetings:attendance": Row(kwargs=m, expect=expect(**MANAGES)),
    "meetings:action_create": Row(kwargs=m, expect=expect(**MANAGES)),
    "meetings:action_edit": Row(kwargs=lambda w: m(w, action_pk=w.action.pk), expect=expect(**MANAGES)),
    "meetings:decision_create": Row(kwargs=m, expect=expect(**MANAGES)),
    "meetings:event_list": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**SEES)),
    "meetings:event_create": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**MANAGES)),
    "meetings:event_edit": Row(
        kwargs=lambda w: {"project_pk": w.project.pk, "pk": w.event.pk}, expect=expect(**MANAGES)
    ),
    "meetings:event_delete": Row(
        kwargs=lambda w: {"project_pk": w.project.pk, "pk": w.event.pk}, expect=expect(**MANAGES)
    ),
    "meetings_public:calendar": Row(kwargs=lambda w: {"token": w.member_token}, expect=LINK),
    "meetings_public:links": Row(kwargs=lambda w: {"token": w.member_token}, expect=LINK),
    "meetings_public:paper": Row(kwargs=lambda w: {"token": w.member_token, "paper_pk": w.paper.pk}, expect=LINK),
}
