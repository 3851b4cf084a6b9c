"""Figures that span every app, checked against a hand-counted fixture: people taking part
counted once across membership, meetings, questionnaires and reflection rounds; the ways they
took part; outcome scores per audience with the minimum-number rule; start vs end pairing;
reflection evidence; decisions; and the page, CSV and PDF showing them."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.models import WeDid
from groups.models import Applicant, Membership, RecruitmentRound, TrainingRecord
from outcomes.models import Invitation
from projects.models import Project
from reporting.evidence import outcome_scores, reflection_evidence
from reporting.figures import people_by_project, people_total
from reporting.participation import participation
from reporting.report import across_report, project_report
from tests.factories import (
    AttendanceFactory,
    DecisionFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    ProjectFactory,
    QuestionnaireFactory,
    ReflectionAnswerFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
    responses_add,
)

TODAY = timezone.localdate()


def _past_meeting(group, days_ago, hours=2):
    start = timezone.now() - dt.timedelta(days=days_ago)
    return MeetingFactory(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=hours))


def _invite(questionnaire, person, audience="residents", completed=True):
    return Invitation.objects.create(
        questionnaire=questionnaire,
        person=person,
        audience=audience,
        token_hash=f"{questionnaire.pk:08d}{person.pk:056d}",
        completed=completed,
    )


@pytest.fixture
def world(organisation):
    """Project A. Members: Ann (resident), Bob (councillor), Cat (carer, never came).
    Dan came to one meeting by phone but is not a member; Eve answered a questionnaire only;
    Fay answered a reflection round only. So six people took part, each counted once, though
    Ann was at three meetings, answered two questionnaires and two reflection rounds."""
    a = ProjectFactory(organisation=organisation, title="Alpha")
    b = ProjectFactory(organisation=organisation, title="Beta")
    group = GroupFactory(project=a, name="Steering group")
    people = {n: PersonFactory(organisation=organisation, name=n) for n in ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay"]}
    people["Cat"].preferred_contact = "post"
    people["Cat"].save()
    MembershipFactory(group=group, person=people["Ann"], member_type="resident", first_call_done=True)
    bob = MembershipFactory(group=group, person=people["Bob"], member_type=Membership.Type.COUNCILLOR)
    MembershipFactory(group=group, person=people["Cat"], member_type="carer")
    ann = Membership.objects.get(person=people["Ann"])
    TrainingRecord.objects.create(membership=ann, kind="formal", trained_on=TODAY, description="Course")
    TrainingRecord.objects.create(membership=ann, kind="informal", trained_on=TODAY, description="Chat")
    TrainingRecord.objects.create(membership=bob, kind="informal", trained_on=TODAY, description="Chat")
    m1, m2, m3 = (_past_meeting(group, d) for d in (30, 20, 10))
    for meeting in (m1, m2, m3):
        AttendanceFactory(meeting=meeting, person=people["Ann"], way="in_person", hours=Decimal("2"))
    AttendanceFactory(meeting=m1, person=people["Bob"], way="online", hours=Decimal("1.5"))
    AttendanceFactory(meeting=m2, person=people["Bob"], status="apologies", hours=None)
    AttendanceFactory(meeting=m3, person=people["Dan"], way="phone", hours=Decimal("1"))
    AttendanceFactory(meeting=m1, person=people["Cat"], status="absent", hours=None)
    DecisionFactory(meeting=m1, text="Meet in the library", recommendation=True)
    DecisionFactory(meeting=m2, text="Open on Saturdays", method="vote", votes_for=5, votes_against=1)
    recruitment = RecruitmentRound.objects.create(group=group, slug="alpha", title="Join")
    for name, status, reason in [("Dan", "not_taking_part", "timing"), ("Eve", "not_taking_part", "caring")]:
        Applicant.objects.create(
            round=recruitment, person=people[name], member_type="resident", status=status, reason=reason
        )
    Applicant.objects.create(round=recruitment, person=people["Fay"], member_type="resident", status="selected")
    # Questionnaires: start and end, closed. Residents: 5 at the start (all "Neither"), 6 at the
    # end (all "Agree"). Council: 2 at the end, below the minimum of 5: withheld.
    start = QuestionnaireFactory(
        project=a, point="start", opens_on=TODAY - dt.timedelta(days=200), closes_on=TODAY - dt.timedelta(days=180)
    )
    end = QuestionnaireFactory(
        project=a,
        point="end",
        repeats=start,
        opens_on=TODAY - dt.timedelta(days=20),
        closes_on=TODAY - dt.timedelta(days=1),
    )
    _invite(start, people["Ann"])
    _invite(end, people["Ann"])
    _invite(end, people["Eve"])
    _invite(end, people["Cat"], completed=False)
    responses_add(start, count=5, value=3)
    responses_add(end, count=6, value=4)
    responses_add(end, audience="council", count=2, value=5)
    # Still open: never counted.
    still_open = QuestionnaireFactory(project=a, point="end", closes_on=TODAY + dt.timedelta(days=5))
    responses_add(still_open, count=9, value=1)
    # Project B: 5 residents at the start only (no pairing); 5 at the end in a second
    # questionnaire of A's kind would pair, but B has none.
    b_start = QuestionnaireFactory(
        project=b, point="start", opens_on=TODAY - dt.timedelta(days=60), closes_on=TODAY - dt.timedelta(days=40)
    )
    responses_add(b_start, count=5, value=5)
    # Reflection: an anonymous round with 3 answers (withheld) and a named round with 5.
    small = ReflectionRoundFactory(group=group, anonymous=True, status="closed", meeting=m2)
    big = ReflectionRoundFactory(group=group, anonymous=False, status="closed", meeting=m3)
    for person in (people["Ann"], people["Bob"], people["Fay"]):
        ReflectionInvitationFactory(round=small, person=person, completed=True)
    ReflectionInvitationFactory(round=big, person=people["Ann"], completed=True)
    for _ in range(3):
        ReflectionAnswerFactory(round=small, equality=1, better="Secret suggestion")
    for value in (5, 4, 4, 2, 1):
        ReflectionAnswerFactory(round=big, equality=value, better="Shorter meetings" if value == 5 else "")
    WeDid.objects.create(round=big, you_said="Shorter meetings", we_did="Meetings end by 8pm")
    return a, b


def test_a_person_is_counted_once_across_every_way_of_taking_part(world):
    a, b = world
    assert people_by_project(Project.objects.all()) == {a.pk: 6}
    assert people_total(Project.objects.all()) == 6


def test_ways_length_interest_and_training(world):
    a, _b = world
    p = participation(Project.objects.filter(pk=a.pk))
    assert (p.in_person, p.online, p.by_phone, p.by_post, p.first_calls) == (1, 1, 1, 1, 1)
    assert (p.attendances, p.attendees, p.meetings_per_attendee, p.hours) == (5, 3, 1.7, 8.5)
    # Ann answered two questionnaires (counted once), Eve one; 3 online answers, and of the
    # 13 responses to closed and open questionnaires 9 + 13 - 3... only invitations say online.
    assert (p.questionnaire_people, p.questionnaire_online) == (2, 3)
    assert p.questionnaire_paper == 5 + 6 + 2 + 9 - 3
    assert (p.reflection_people, p.reflection_answers) == (3, 8)
    assert p.interested_not_taking_part == 2
    assert {str(k): v for k, v in p.reasons}["Timing"] == 1
    assert (p.trained, p.trained_formal, p.trained_informal) == (2, 1, 2)


def test_outcome_scores_per_audience_withhold_below_the_minimum_and_pair_start_with_end(world, organisation):
    a, b = world
    scores = outcome_scores(Project.objects.filter(pk=a.pk), organisation, TODAY)
    influence = {s.audience: s for s in scores.statements if s.key == "influence"}
    residents, council = influence["residents"], influence["council"]
    assert (residents.cell("start").answered, residents.cell("start").share) == (5, 0)
    assert (residents.cell("end").answered, residents.cell("end").share) == (6, 100)
    assert residents.change == 100
    # The open questionnaire's nine answers are nowhere.
    assert residents.cell("end").counts == [0, 0, 0, 6, 0]
    assert council.cell("end").withheld and council.cell("end").answered == 0 and council.change is None
    outcome1 = dict(next(aud for n, _t, aud in scores.outcomes if n == 1))
    assert outcome1["Residents"]["end"].answered == 18  # three statements x 6
    assert outcome1["Council staff and councillors"]["end"].withheld


def test_across_projects_start_vs_end_uses_only_projects_asked_at_both(world, organisation):
    scores = outcome_scores(Project.objects.all(), organisation, TODAY, by_project=True)
    residents = next(s for s in scores.statements if s.key == "influence" and s.audience == "residents")
    # Start pooled over A (5 x Neither) and B (5 x Agree strongly): 50%; the change pairs A only.
    assert (residents.cell("start").answered, residents.cell("start").share) == (10, 50)
    assert residents.change == 100
    assert len(scores.project_rows) == 2


def test_reflection_rounds_below_the_minimum_are_left_out(world, organisation):
    a, _b = world
    evidence = reflection_evidence(Project.objects.filter(pk=a.pk), organisation, detail=True)
    assert (evidence.rounds, evidence.rounds_withheld, evidence.answers) == (2, 1, 5)
    equality = next(p for p in evidence.principles if p.key == "equality")
    assert (equality.answered, equality.agree, equality.share) == (5, 3, 60)
    assert evidence.suggestions == ["Shorter meetings"]
    assert [r.we_did for r in evidence.we_did] == ["Meetings end by 8pm"]


def test_project_report_page_csv_and_pdf_show_the_new_sections(client, world, manager):
    a, _b = world
    client.force_login(manager)
    page = client.get(reverse("reporting:project_report", args=[a.pk])).content.decode()
    for text in [
        "Outcome scores (outcomes 1 to 4)",
        "Reflection themes",
        "Decisions",
        "Meet in the library",
        "Came to meetings in person",
        "Hours contributed at meetings",
        "Shorter meetings",
        "withheld",
    ]:
        assert text in page, text
    assert "Secret suggestion" not in page
    csv = client.get(reverse("reporting:project_report_csv", args=[a.pk])).content.decode()
    assert "Meet in the library" in csv and "Hours contributed at meetings" in csv and "Secret suggestion" not in csv
    from pypdf import PdfReader

    from core.pdf import pdf_render

    pdf = pdf_render(
        "pdf/report.html",
        {
            "title": "Outcome report: Alpha",
            "scope": "Alpha",
            "organisation": a.organisation,
            "sections": project_report(a, pdf=True),
            "as_of": timezone.now(),
            "generated_on": TODAY,
            "pdf": True,
            "is_project": True,
        },
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for heading in ["Outcome scores", "Reflection themes", "Decisions", "Meet in the library", "8.5"]:
        assert heading in text, heading


def test_dashboard_shows_the_new_sections_across_projects(client, world, manager):
    client.force_login(manager)
    page = client.get(reverse("reporting:dashboard")).content.decode()
    for text in ["Outcome scores (outcomes 1 to 4)", "Share agreeing by project", "Recommendations to the council"]:
        assert text in page, text
    assert "Secret suggestion" not in page


def _report_queries(fn):
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def _grow(organisation, project):
    """More of everything in every app."""
    group = GroupFactory(project=project)
    for k in range(3):
        person = PersonFactory(organisation=organisation)
        MembershipFactory(group=group, person=person)
        meeting = _past_meeting(group, 40 + k)
        AttendanceFactory(meeting=meeting, person=person, way="online")
        DecisionFactory(meeting=meeting)
        rnd = ReflectionRoundFactory(group=group, status="closed", meeting=meeting)
        ReflectionAnswerFactory(round=rnd, better="More breaks")
        q = QuestionnaireFactory(
            project=project, opens_on=TODAY - dt.timedelta(days=30), closes_on=TODAY - dt.timedelta(days=2)
        )
        responses_add(q, count=5, value=4)


def test_report_query_counts_do_not_grow_with_data_in_every_app(world, organisation):
    a, b = world
    projects = Project.objects.all()
    before = (
        _report_queries(lambda: project_report(a)),
        _report_queries(lambda: across_report(projects, organisation)),
    )
    _grow(organisation, a)
    _grow(organisation, b)
    _grow(organisation, ProjectFactory(organisation=organisation))
    after = (
        _report_queries(lambda: project_report(a)),
        _report_queries(lambda: across_report(Project.objects.all(), organisation)),
    )
    assert after == before
