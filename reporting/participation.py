"""Engagement figures that come from the other apps: meeting and event attendance,
questionnaires and reflection rounds answered, recruitment, training.

Everything is counted in the database with a fixed number of grouped queries, whatever the
number of projects, people, meetings or answers. People are counted once per project (and once
across projects in the totals). Answers stay anonymous: who answered comes from the
*invitations* (which know the person and whether they answered, never the answer)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from feedback.models import ReflectionAnswer, ReflectionInvitation
from groups.models import Applicant, Membership, Person, TrainingRecord
from meetings.models import Attendance, Event
from outcomes.models import Invitation, Response

PRESENT = Q(status=Attendance.Status.PRESENT)


# --- Ways of taking part, length, interest, training ---------------------------------------

# People who get their papers by post: they asked to be contacted by post, or for paper copies.
BY_POST = Q(person__preferred_contact=Person.Contact.POST) | Q(person__preferred_format=Person.Format.PAPER)


@dataclass
class Participation:
    """People are counted once per project; across projects ``people_*`` count each person once."""

    in_person: int = 0
    online: int = 0
    by_phone: int = 0
    way_not_recorded: int = 0
    by_post: int = 0
    first_calls: int = 0
    events: int = 0
    event_people: int = 0
    event_came: int = 0
    event_hours: float = 0
    questionnaire_people: int = 0
    questionnaire_online: int = 0
    questionnaire_paper: int = 0
    reflection_people: int = 0
    reflection_answers: int = 0
    attendances: int = 0
    attendees: int = 0
    hours: float = 0
    interested_not_taking_part: int = 0
    reasons: list = field(default_factory=list)
    trained: int = 0
    trained_formal: int = 0
    trained_informal: int = 0

    @property
    def meetings_per_attendee(self):
        return None if not self.attendees else round(self.attendances / self.attendees, 1)

    @property
    def lengths(self):
        """(label, figure) for the "length of engagement" table, after the months on the group."""
        return [
            (_("Attendances at meetings"), self.attendances),
            (_("People who came to meetings"), self.attendees),
            (_("Meetings attended per person who came"), self.meetings_per_attendee),
            (_("Hours contributed at meetings"), self.hours),
            (_("Events held"), self.events),
            (_("Hours contributed at events"), self.event_hours),
            (_("Reflection answers"), self.reflection_answers),
        ]

    @property
    def ways(self):
        """(label, figure, what is counted) for the "ways they were involved" table."""
        people, answers, attendances = _("people"), _("answers"), _("attendances")
        return [
            (_("Came to meetings in person"), self.in_person, people),
            (_("Joined meetings online"), self.online, people),
            (_("Joined meetings by phone"), self.by_phone, people),
            (_("At meetings, way not recorded"), self.way_not_recorded, people),
            (_("Get their papers by post"), self.by_post, people),
            (_("Had a call before their first meeting"), self.first_calls, people),
            (_("Came to events (people on the project's records)"), self.event_people, people),
            (_("Came to events, with people not named"), self.event_came, attendances),
            (_("Answered an outcome questionnaire"), self.questionnaire_people, people),
            (_("Questionnaire answers given online"), self.questionnaire_online, answers),
            (_("Questionnaire answers on paper (typed in by staff)"), self.questionnaire_paper, answers),
            (_("Answered a reflection round"), self.reflection_people, people),
        ]


def _num(value):
    return 0 if value is None else float(value)


def participation(projects):
    """Ways of taking part, length of engagement, interest and training, over the projects.
    Ten queries, whatever the size."""
    attendance = Attendance.objects.filter(PRESENT, meeting__group__project__in=projects)
    a = attendance.aggregate(
        in_person=Count("person", distinct=True, filter=Q(way=Attendance.Way.IN_PERSON)),
        online=Count("person", distinct=True, filter=Q(way=Attendance.Way.ONLINE)),
        by_phone=Count("person", distinct=True, filter=Q(way=Attendance.Way.PHONE)),
        not_recorded=Count("person", distinct=True, filter=Q(way="")),
        attendances=Count("pk"),
        attendees=Count("person", distinct=True),
        hours=Sum("hours"),
    )
    memberships = Membership.objects.filter(group__project__in=projects)
    m = memberships.aggregate(
        by_post=Count("person", distinct=True, filter=BY_POST),
        first_calls=Count("person", distinct=True, filter=Q(first_call_done=True)),
    )
    events = Event.objects.filter(project__in=projects).totals()
    # Who answered online, from the invitations (which know who answered, never what).
    q = Invitation.objects.filter(questionnaire__project__in=projects, completed=True).aggregate(
        people=Count("person", distinct=True), online=Count("pk")
    )
    responses = Response.objects.filter(questionnaire__project__in=projects).count()
    r = ReflectionInvitation.objects.filter(round__group__project__in=projects, completed=True).aggregate(
        people=Count("person", distinct=True)
    )
    reflection_answers = ReflectionAnswer.objects.for_projects(projects).count()
    applicants = Applicant.objects.filter(round__group__project__in=projects)
    reasons = applicants.reason_counts()
    t = TrainingRecord.objects.filter(membership__group__project__in=projects).aggregate(
        trained=Count("membership__person", distinct=True),
        formal=Count("membership__person", distinct=True, filter=Q(kind=TrainingRecord.Kind.FORMAL)),
        informal=Count("membership__person", distinct=True, filter=Q(kind=TrainingRecord.Kind.INFORMAL)),
    )
    return Participation(
        in_person=a["in_person"],
        online=a["online"],
        by_phone=a["by_phone"],
        way_not_recorded=a["not_recorded"],
        by_post=m["by_post"],
        first_calls=m["first_calls"],
        events=events["events"],
        event_people=events["people"],
        event_came=events["came"],
        event_hours=round(events["hours"], 1),
        questionnaire_people=q["people"],
        questionnaire_online=q["online"],
        # Paper answers are typed in by staff and use no invitation.
        questionnaire_paper=max(responses - q["online"], 0),
        reflection_people=r["people"],
        reflection_answers=reflection_answers,
        attendances=a["attendances"],
        attendees=a["attendees"],
        hours=round(_num(a["hours"]), 1),
        interested_not_taking_part=sum(reasons.values()),
        reasons=[(label, reasons.get(value, 0)) for value, label in Applicant.Reason.choices],
        trained=t["trained"],
        trained_formal=t["formal"],
        trained_informal=t["informal"],
    )


def _grouped(queryset, key, **aggregates):
    return {row[key]: row for row in queryset.order_by().values(key).annotate(**aggregates)}


def participation_by_project(ids):
    """{project id: {"attendees", "hours", "events", "trained", "not_taking_part"}}: four grouped
    queries."""
    attendance = _grouped(
        Attendance.objects.filter(PRESENT, meeting__group__project__in=ids),
        "meeting__group__project",
        attendees=Count("person", distinct=True),
        attendances=Count("pk"),
        hours=Sum("hours"),
    )
    training = _grouped(
        TrainingRecord.objects.filter(membership__group__project__in=ids),
        "membership__group__project",
        trained=Count("membership__person", distinct=True),
    )
    applicants = _grouped(
        Applicant.objects.filter(round__group__project__in=ids).not_taking_part(),
        "round__group__project",
        n=Count("pk"),
    )
    events = _grouped(Event.objects.filter(project__in=ids), "project", n=Count("pk"))
    result = {}
    for pk in set(attendance) | set(training) | set(applicants) | set(events):
        at = attendance.get(pk, {})
        result[pk] = {
            "attendees": at.get("attendees", 0),
            "attendances": at.get("attendances", 0),
            "hours": round(_num(at.get("hours")), 1),
            "events": events.get(pk, {}).get("n", 0),
            "trained": training.get(pk, {}).get("trained", 0),
            "not_taking_part": applicants.get(pk, {}).get("n", 0),
        }
    return result
