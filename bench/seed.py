"""A council's data for the report benchmarks, written with the ORM (mostly bulk_create).

Per project: two groups, PEOPLE people, MEETINGS meetings with attendance and decisions,
two events, indicators with readings, monitoring answers, a recruitment round, outcome
questionnaires (the first made as an officer makes it, the rest repeating it; all invited,
most answered, the last still open) with RESPONSES responses in all, and reflection rounds
with REFLECTIONS anonymous answers. Figures are then left for the app to work out: its own
periodic job tallies the closed questionnaires, as it would minutes after they close."""

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from feedback.models import ReflectionAnswer, ReflectionInvitation, ReflectionRound, WeDid
from groups.models import Applicant, Group, Membership, Person, RecruitmentRound, TrainingRecord
from meetings.models import Attendance, Decision, Event, EventAttendance, Meeting
from organisations.models import Organisation, User
from outcomes.models import Answer, Invitation, Questionnaire, Response, Statement
from outcomes.services import questionnaire_create, questionnaires_tally
from projects.models import Activity, Objective, Outcome, Project, Stage
from reporting.models import Indicator, IndicatorReading, MonitoringResponse

PEOPLE = 40  # per project
MEETINGS = 10  # per project
RESPONSES = 500  # questionnaire responses per project: 100,000 at 200 projects
REFLECTIONS = 100  # reflection answers per project
BATCH = 5000


def organisation_seed(*, name, projects, rng):
    """An organisation with ``projects`` projects and everything above; returns it."""
    organisation = Organisation.objects.create(name=name, slug=name.lower().replace(" ", "-"), require_mfa=False)
    User.objects.create_user(
        email=f"manager@{organisation.slug}.example", name="Bench Manager", organisation=organisation, role="manager"
    )
    projects = _projects(organisation, projects, rng)
    groups = Group.objects.bulk_create(
        Group(project=p, name=f"{p.title} group {k + 1}") for p in projects for k in (1, 2)
    )
    members = _people(organisation, groups, rng)
    meetings = _meetings(groups, members, rng)
    _project_records(projects, groups, members, rng)
    _questionnaires(projects, groups, members, rng)
    _reflections(groups, meetings, members, rng)
    questionnaires_tally()
    return organisation


def _projects(organisation, count, rng):
    today = timezone.localdate()
    areas = ["Environment", "Adult social care", "Housing", "Libraries", "Transport", "Children's services"]
    stages = [Stage.PLANNING, Stage.DELIVERING, Stage.REFLECTING]
    projects = Project.objects.bulk_create(
        Project(
            organisation=organisation,
            title=f"Project {i:03d}",
            service_area=areas[i % len(areas)],
            aim="For residents and the council to work together in equal partnership.",
            start_date=today - dt.timedelta(days=rng.randint(400, 1000)),
            stage=stages[i % 3],
        )
        for i in range(count)
    )
    Outcome.objects.bulk_create(
        Outcome(
            project=p, kind="coproduction" if k < 4 else "service", number=k + 1, title=f"Outcome {k + 1}", position=k
        )
        for p in projects
        for k in range(5)
    )
    objectives = Objective.objects.bulk_create(
        Objective(project=p, title=f"Objective {k + 1}", position=k) for p in projects for k in range(4)
    )
    Activity.objects.bulk_create(
        Activity(objective=o, title=f"Activity {k + 1}", status=rng.choice(["not_started", "in_progress", "done"]))
        for o in objectives
        for k in range(3)
    )
    return projects


def _people(organisation, groups, rng):
    """PEOPLE people per project, each on one group and a third on a second; returns
    {group id: [(person id, member type)]}."""
    today = timezone.localdate()
    people = Person.objects.bulk_create(
        (
            Person(organisation=organisation, name=f"Person {i}", email=f"p{i}@{organisation.slug}.example")
            for i in range(PEOPLE * len(groups) // 2)
        ),
        batch_size=BATCH,
    )
    types = [t for t, _label in Membership.Type.choices]
    memberships, members = [], defaultdict(list)
    for i, person in enumerate(people):
        on = {groups[i % len(groups)], groups[(i * 7 + 3) % len(groups)] if i % 3 == 0 else groups[i % len(groups)]}
        for group in on:
            kind = rng.choice(types)
            joined = today - dt.timedelta(days=rng.randint(10, 700))
            left = joined + dt.timedelta(days=rng.randint(5, 300)) if rng.random() < 0.2 else None
            memberships.append(Membership(group=group, person=person, member_type=kind, joined_on=joined, left_on=left))
            members[group.pk].append((person.pk, kind))
    memberships = Membership.objects.bulk_create(memberships, batch_size=BATCH)
    TrainingRecord.objects.bulk_create(
        (
            TrainingRecord(
                membership=m,
                kind=rng.choice(["formal", "informal"]),
                trained_on=today - dt.timedelta(days=rng.randint(1, 500)),
                description="Introduction to co-production",
            )
            for m in memberships
            if rng.random() < 0.3
        ),
        batch_size=BATCH,
    )
    return members


def _meetings(groups, members, rng):
    """MEETINGS meetings per project over the last 600 days and the next 200, with attendance
    and decisions at those already held; returns the meetings."""
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                group=groups[i % len(groups)],
                starts_at=(start := now + dt.timedelta(days=rng.randint(-600, 200), hours=rng.randint(0, 8))),
                ends_at=start + dt.timedelta(minutes=rng.choice([60, 90, 120])),
                status="cancelled" if rng.random() < 0.05 else "scheduled",
            )
            for i in range(MEETINGS * len(groups) // 2)
        ),
        batch_size=BATCH,
    )
    ways = [value for value, _label in Attendance.Way.choices] + [""]
    attendance, decisions = [], []
    for meeting in meetings:
        if meeting.status != "scheduled" or meeting.starts_at >= now:
            continue
        hours = Decimal((meeting.ends_at - meeting.starts_at).total_seconds() / 3600).quantize(Decimal("0.01"))
        for person_id, _kind in members[meeting.group_id]:
            roll = rng.random()
            status = "present" if roll < 0.75 else "apologies" if roll < 0.9 else "absent"
            present = status == "present"
            attendance.append(
                Attendance(
                    meeting=meeting,
                    person_id=person_id,
                    status=status,
                    way=rng.choice(ways) if present else "",
                    hours=hours if present else None,
                )
            )
        for k in range(rng.randint(0, 2)):
            vote = rng.random() < 0.3
            decisions.append(
                Decision(
                    meeting=meeting,
                    text=f"Decision {k + 1}",
                    method="vote" if vote else "consensus",
                    votes_for=6 if vote else None,
                    votes_against=2 if vote else None,
                    votes_abstaining=1 if vote else None,
                    recommendation=rng.random() < 0.2,
                )
            )
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    return meetings


def _project_records(projects, groups, members, rng):
    """Events, indicators with readings, equality monitoring answers and recruitment."""
    today = timezone.localdate()
    events = Event.objects.bulk_create(
        Event(
            project=p,
            title=f"Event {k + 1}",
            kind=rng.choice([value for value, _label in Event.Kind.choices]),
            date=today - dt.timedelta(days=rng.randint(1, 500)),
            hours=Decimal(rng.choice(["1", "2", "3"])),
            other_attendees=rng.randint(0, 40),
        )
        for p in projects
        for k in range(2)
    )
    by_project = defaultdict(set)
    for group in groups:
        by_project[group.project_id].update(person_id for person_id, _kind in members[group.pk])
    EventAttendance.objects.bulk_create(
        (
            EventAttendance(event=e, person_id=person_id)
            for e in events
            for person_id in rng.sample(sorted(by_project[e.project_id]), min(5, len(by_project[e.project_id])))
        ),
        batch_size=BATCH,
    )
    service = {o.project_id: o for o in Outcome.objects.filter(project__in=projects, kind="service")}
    indicators = Indicator.objects.bulk_create(
        Indicator(
            project=p,
            outcome=service[p.pk],
            name=f"Indicator {k + 1}",
            unit="%",
            direction=rng.choice(["up", "down"]),
            baseline=50,
            target=70,
        )
        for p in projects
        for k in range(2)
    )
    IndicatorReading.objects.bulk_create(
        (
            IndicatorReading(indicator=i, recorded_on=today - dt.timedelta(days=90 * k), value=rng.randint(30, 90))
            for i in indicators
            for k in range(6)
        ),
        batch_size=BATCH,
    )
    MonitoringResponse.objects.bulk_create(
        (
            MonitoringResponse(
                project=p,
                sex=rng.choice(["female", "male", "prefer_not"]),
                age_band=rng.choice(["25_34", "45_54", "75_plus"]),
            )
            for p in projects
            for _ in range(10)
        ),
        batch_size=BATCH,
    )
    rounds = RecruitmentRound.objects.bulk_create(
        RecruitmentRound(group=g, slug=f"bench-{g.pk}", title=f"Join {g.name}", is_open=False) for g in groups
    )
    reasons = [value for value, _label in Applicant.Reason.choices]
    Applicant.objects.bulk_create(
        (
            Applicant(
                round=r,
                person_id=person_id,
                member_type="resident",
                status=Applicant.Status.NOT_TAKING_PART,
                reason=rng.choice(reasons),
            )
            for r in rounds
            for person_id, _kind in members[r.group_id][:5]
        ),
        batch_size=BATCH,
    )


def _questionnaires(projects, groups, members, rng):
    """Questionnaires a year and more ago (start, during, end, repeating the first) until each
    project has RESPONSES responses; everyone in the project invited, nine in ten answering.
    The last one of each project is still open."""
    today = timezone.localdate()
    audience_of = {
        t: "council" if t in Membership.COUNCIL_TYPES else "residents" for t, _label in Membership.Type.choices
    }
    by_project = defaultdict(dict)
    for group in groups:
        for person_id, kind in members[group.pk]:
            by_project[group.project_id][person_id] = audience_of[kind]
    plan, repeats = [], []
    for project in projects:
        invited = list(by_project[project.pk].items())
        answering = max(1, int(len(invited) * 0.9))
        count = -(-RESPONSES // answering)
        for k in range(count):
            opens = today - dt.timedelta(days=30 * (count - k)) if k < count - 1 else today - dt.timedelta(days=5)
            fields = {
                "project": project,
                "title": f"Questionnaire {k + 1}",
                "point": ["start", "during", "end"][min(2, k * 3 // count)],
                "opens_on": opens,
                "closes_on": opens + dt.timedelta(days=21),
            }
            if k == 0:  # as an officer makes it: the guide's statements, linked to the outcomes
                first = questionnaire_create(**fields)
                questionnaire = first
            else:  # the rest repeat it (made in bulk: questionnaire_create copies one at a time)
                questionnaire = Questionnaire(repeats=first, **fields)
                repeats.append(questionnaire)
            plan.append((questionnaire, invited, min(answering, RESPONSES - k * answering)))
    _repeats_create(repeats)
    asked = defaultdict(list)
    rows = Statement.objects.filter(questionnaire__project__in=projects, kind=Statement.Kind.LIKERT)
    for questionnaire_id, audience, pk in rows.values_list("questionnaire_id", "audience", "pk"):
        for who in ("residents", "council"):
            if audience in ("both", who):
                asked[questionnaire_id, who].append(pk)
    invitations, responses, answers = [], [], []
    for questionnaire, invited, answered in plan:
        for n, (person_id, audience) in enumerate(invited):
            invitations.append(
                Invitation(
                    questionnaire=questionnaire,
                    person_id=person_id,
                    audience=audience,
                    token_hash=f"{rng.getrandbits(256):064x}",
                    completed=n < answered,
                )
            )
            if n >= answered:
                continue
            response = Response(id=uuid.uuid4(), questionnaire=questionnaire, audience=audience)
            responses.append(response)
            # Mostly agreeing, more so at the end; now and then "Prefer not to say".
            lean = 0.6 if questionnaire.point == "end" else 0.45
            for statement_id in asked[questionnaire.pk, audience]:
                roll = rng.random()
                value = 0 if roll < 0.03 else (rng.choice((4, 5)) if roll < lean else rng.randint(1, 3))
                answers.append(Answer(id=uuid.uuid4(), response_id=response.id, statement_id=statement_id, value=value))
        if len(answers) >= 50_000:  # in chunks: never all the answers in memory at once
            _questionnaire_rows_write(invitations, responses, answers)
    _questionnaire_rows_write(invitations, responses, answers)


def _repeats_create(questionnaires):
    """Questionnaires repeating another, each with a copy of that one's statements."""
    Questionnaire.objects.bulk_create(questionnaires, batch_size=BATCH)
    originals = defaultdict(list)
    for statement in Statement.objects.filter(questionnaire__in={q.repeats_id for q in questionnaires}):
        originals[statement.questionnaire_id].append(statement)
    Statement.objects.bulk_create(
        (s.copy_for(q) for q in questionnaires for s in originals[q.repeats_id]),
        batch_size=BATCH,
    )


def _questionnaire_rows_write(invitations, responses, answers):
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    Response.objects.bulk_create(responses, batch_size=BATCH)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    for rows in (invitations, responses, answers):
        rows.clear()


def _reflections(groups, meetings, members, rng):
    """A reflection round after each meeting held, until each project has REFLECTIONS answers;
    every tenth round has only three answers (below the minimum, so withheld)."""
    now = timezone.now()
    wanted = defaultdict(lambda: REFLECTIONS)
    project_of = {g.pk: g.project_id for g in groups}
    rounds, plan = [], []
    for meeting in sorted(meetings, key=lambda m: m.starts_at):
        group_members = [person_id for person_id, _kind in members[meeting.group_id]]
        project = project_of[meeting.group_id]
        if meeting.status != "scheduled" or meeting.ends_at >= now or not group_members or wanted[project] <= 0:
            continue
        n = 3 if len(rounds) % 10 == 9 else int(len(group_members) * 0.8)
        n = max(1, min(n, len(group_members), wanted[project]))
        wanted[project] -= n
        rounds.append(
            ReflectionRound(
                group_id=meeting.group_id,
                meeting=meeting,
                date=meeting.starts_at.date(),
                opens_at=meeting.starts_at,
                closes_at=meeting.ends_at + dt.timedelta(days=7),
                status="closed",
                anonymous=True,
            )
        )
        plan.append((group_members, n))
    rounds = ReflectionRound.objects.bulk_create(rounds, batch_size=BATCH)
    invitations, answers, we_did = [], [], []
    for reflection, (group_members, n) in zip(rounds, plan, strict=True):
        for k, person_id in enumerate(group_members):
            invitations.append(
                ReflectionInvitation(
                    round=reflection, person_id=person_id, token_hash=f"{rng.getrandbits(256):064x}", completed=k < n
                )
            )
        answers.extend(
            ReflectionAnswer(
                round=reflection,
                equality=rng.randint(2, 5),
                difference=rng.randint(1, 5),
                inclusive=rng.randint(2, 5),
                better="More time to read the papers" if rng.random() < 0.2 else "",
            )
            for _ in range(n)
        )
        if rng.random() < 0.1:
            we_did.append(
                WeDid(round=reflection, you_said="More time to read the papers", we_did="Papers go out earlier")
            )
    ReflectionInvitation.objects.bulk_create(invitations, batch_size=BATCH)
    ReflectionAnswer.objects.bulk_create(answers, batch_size=BATCH)
    WeDid.objects.bulk_create(we_did, batch_size=BATCH)
