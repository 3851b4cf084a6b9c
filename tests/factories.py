"""Factories for every app's models. Each app's factories sit under its own heading."""

import datetime as dt

import factory
from django.utils import timezone

from groups.models import Group, Membership, Person
from meetings.models import Meeting
from organisations.models import Organisation, User
from projects.models import Activity, Objective, Outcome, Project, ProjectRole

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


# --- meetings --------------------------------------------------------------------


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=21))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))


# --- outcomes --------------------------------------------------------------------

# --- feedback --------------------------------------------------------------------

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
