"""Factories for every app's models. Each app's factories sit under its own heading."""

import datetime as dt

import factory
from django.utils import timezone

from groups.models import (
    AccessRecord,
    Applicant,
    ExpenseClaim,
    Group,
    Membership,
    Person,
    RecruitmentRound,
    TrainingRecord,
)
from meetings.models import Action, AgendaItem, Attendance, Decision, Event, Meeting, Paper
from organisations.models import Organisation, User
from projects.models import Activity, Measure, Objective, Outcome, Project, ProjectRole

PASSWORD = "correct horse battery staple"

# --- organisations ---------------------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    require_mfa = False


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.gov.uk")
    name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    role = User.Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


# --- projects --------------------------------------------------------------------


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    service_area = "Environment"
    aim = "For residents and the council to work together in equal partnership to improve a service."
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


class ProjectRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectRole

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..project.organisation"))
    role = ProjectRole.Role.LEAD


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Outcome {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    outcome = factory.SubFactory(OutcomeFactory)
    kind = Measure.Kind.STATEMENT
    description = factory.Sequence(lambda n: f"Measure statement {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")


# --- groups ----------------------------------------------------------------------


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Group {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..group.project.organisation"))
    member_type = Membership.Type.RESIDENT
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=20))


class RecruitmentRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruitmentRound

    group = factory.SubFactory(GroupFactory)
    slug = factory.Sequence(lambda n: f"join-group-{n}")
    title = factory.Sequence(lambda n: f"Join our co-production group {n}")
    flyer_text = "Help us redesign the service. We meet once a month for six months."
    selection_criteria = "Lived experience of the service; a mix of ages and areas."


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Applicant

    round = factory.SubFactory(RecruitmentRoundFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..round.group.project.organisation"))
    member_type = "resident"
    interest = "I use the service every week."


class AccessRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessRecord

    membership = factory.SubFactory(MembershipFactory)
    consent_given = True
    consent_on = factory.LazyFunction(timezone.localdate)
    large_print = True
    transport = True


class ExpenseClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenseClaim

    membership = factory.SubFactory(MembershipFactory)
    claimed_on = factory.LazyFunction(timezone.localdate)
    kind = ExpenseClaim.Kind.TRAVEL
    amount = "12.50"


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    membership = factory.SubFactory(MembershipFactory)
    kind = TrainingRecord.Kind.INFORMAL
    trained_on = factory.LazyFunction(timezone.localdate)
    description = "Introduction to co-production"


# --- meetings --------------------------------------------------------------------


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=21))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    position = factory.Sequence(lambda n: 100 + n)
    minutes = 20


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    item = factory.SubFactory(AgendaItemFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    file = factory.django.FileField(filename="paper.pdf", data=b"%PDF-1.4\n%minimal test paper\n")
    original_name = "paper.pdf"
    content_type = "application/pdf"
    size = 30


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = "Olive Officer"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Decision {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..meeting.group.project.organisation")
    )
    status = Attendance.Status.PRESENT


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Event {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))


# --- outcomes --------------------------------------------------------------------


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """A questionnaire made as an officer makes one: with the guide's statements."""

    class Meta:
        model = "outcomes.Questionnaire"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Outcome questionnaire {n}")
    point = "end"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from outcomes.services import questionnaire_create

        return questionnaire_create(**kwargs)


def invitation_with_token(questionnaire, *, audience="residents", person=None):
    """An invitation and the token its emailed link would carry."""
    from core.anonymity import token_new
    from outcomes.models import Invitation

    token, hashed = token_new()
    person = person or PersonFactory(organisation=questionnaire.project.organisation)
    invitation = Invitation.objects.create(
        questionnaire=questionnaire, person=person, audience=audience, token_hash=hashed, sent_at=timezone.now()
    )
    return invitation, token


def responses_add(questionnaire, *, audience="residents", count=1, value=4, text=""):
    """Anonymous responses giving ``value`` to every statement (bulk, for results tests)."""
    import uuid

    from outcomes.models import Answer, Response

    statements = list(questionnaire.statements.for_audience(audience))
    responses = Response.objects.bulk_create(
        Response(id=uuid.uuid4(), questionnaire=questionnaire, audience=audience) for _ in range(count)
    )
    Answer.objects.bulk_create(
        (
            Answer(
                response=response,
                statement=statement,
                value=value if statement.is_likert else None,
                text="" if statement.is_likert else text,
            )
            for response in responses
            for statement in statements
        ),
        batch_size=1000,
    )
    return responses


# --- feedback --------------------------------------------------------------------


class ReflectionSetupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.ReflectionSetup"

    group = factory.SubFactory(GroupFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))


class ReflectionRoundFactory(factory.django.DjangoModelFactory):
    """An open round for a date, open for a week from now."""

    class Meta:
        model = "feedback.ReflectionRound"

    group = factory.SubFactory(GroupFactory)
    date = factory.LazyFunction(timezone.localdate)
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + dt.timedelta(days=7))
    status = "open"
    code = factory.Sequence(lambda n: f"CD{n:04d}")


class ReflectionInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.ReflectionInvitation"

    round = factory.SubFactory(ReflectionRoundFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..round.group.project.organisation"))
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


class ReflectionAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.ReflectionAnswer"

    round = factory.SubFactory(ReflectionRoundFactory)
    equality = 4
    difference = 4
    inclusive = 4


# --- reporting -------------------------------------------------------------------


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.Indicator"

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "groups"
    baseline = 2
    target = 10


class IndicatorReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.IndicatorReading"

    indicator = factory.SubFactory(IndicatorFactory)
    recorded_on = factory.Sequence(lambda n: timezone.localdate() - dt.timedelta(days=30 * (n + 1)))
    value = 4


class MonitoringInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.MonitoringInvitation"

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..project.organisation"))
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


class MonitoringResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.MonitoringResponse"

    project = factory.SubFactory(ProjectFactory)


class ReportExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.ReportExport"

    requested_by = factory.SubFactory(UserFactory, role="manager")
    organisation = factory.SelfAttribute("requested_by.organisation")
    scope = "across"
