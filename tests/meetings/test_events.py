"""Events outside the group's meetings: recording them and who came."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from groups.services import person_erase
from meetings.models import Event, EventAttendance
from tests.factories import (
    ApplicantFactory,
    EventFactory,
    GroupFactory,
    MembershipFactory,
    PersonFactory,
    ProjectFactory,
    ProjectRoleFactory,
)
from tests.html import text_of


@pytest.fixture
def people(project):
    group = GroupFactory(project=project)
    ann = MembershipFactory(group=group, person__name="Ann Resident").person
    bob = MembershipFactory(group=group, person__name="Bob Carer").person
    # Expressed interest but is not on a group: still on the project's records.
    cat = ApplicantFactory(round__group=group, person__name="Cat Applicant").person
    return ann, bob, cat


def _form(**fields):
    data = {
        "title": "Drop-in at Newbury library",
        "kind": Event.Kind.DROP_IN,
        "date": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
        "hours": "2.5",
        "place": "Newbury library",
        "other_attendees": "12",
    }
    return data | fields


def test_officer_adds_an_event_and_names_who_came(client, officer, project, people):
    ann, _bob, cat = people
    client.force_login(officer)
    response = client.post(
        reverse("meetings:event_create", args=[project.pk]), _form(people=[ann.pk, cat.pk]), follow=True
    )
    assert "Event added." in response.content.decode()
    event = Event.objects.get()
    assert (event.project, event.kind, event.other_attendees) == (project, "drop_in", 12)
    assert set(event.people.all()) == {ann, cat}
    assert "Drop-in at Newbury library" in response.content.decode()
    assert text_of(response, ".event-totals") == "1 event; 14 came in all, 2 of them named."


def test_who_came_cannot_be_recorded_before_the_event(client, officer, project, people):
    ann, _bob, _cat = people
    client.force_login(officer)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("meetings:event_create", args=[project.pk]), _form(date=tomorrow, people=[ann.pk]))
    assert "You can record who came once the event has taken place." in response.content.decode()
    assert not Event.objects.exists()
    # Planned ahead without anyone recorded: fine.
    client.post(reverse("meetings:event_create", args=[project.pk]), _form(date=tomorrow, other_attendees="0"))
    assert Event.objects.get().date.isoformat() == tomorrow


def test_only_people_on_the_projects_records_can_be_named(client, officer, project, organisation, people):
    stranger = PersonFactory(organisation=organisation, name="Someone Else")
    elsewhere = MembershipFactory(group=GroupFactory(project=ProjectFactory(organisation=organisation))).person
    client.force_login(officer)
    page = client.get(reverse("meetings:event_create", args=[project.pk])).content.decode()
    assert "Ann Resident" in page and "Cat Applicant" in page
    assert "Someone Else" not in page and escape(elsewhere.name) not in page
    response = client.post(reverse("meetings:event_create", args=[project.pk]), _form(people=[stranger.pk]))
    assert "Select a valid choice" in response.content.decode()
    assert not Event.objects.exists()


def test_an_erased_person_stays_counted_when_the_event_is_saved_again(client, officer, project, people):
    ann, bob, _cat = people
    event = EventFactory(project=project)
    EventAttendance.objects.create(event=event, person=ann)
    EventAttendance.objects.create(event=event, person=bob)
    person_erase(person=ann)
    client.force_login(officer)
    edit = reverse("meetings:event_edit", args=[project.pk, event.pk])
    assert "Ann Resident" not in client.get(edit).content.decode()
    client.post(edit, _form(people=[]))
    assert list(event.people.all()) == [ann]  # Bob was unticked; Ann, erased, still counts


def test_deleting_an_event_asks_first(client, officer, project):
    event = EventFactory(project=project, title="Street stall")
    client.force_login(officer)
    url = reverse("meetings:event_delete", args=[project.pk, event.pk])
    assert "Delete Street stall" in client.get(url).content.decode()
    assert Event.objects.exists()
    client.post(url)
    assert not Event.objects.exists()


def test_another_projects_event_is_not_found(client, officer, project, organisation):
    other = ProjectFactory(organisation=organisation)
    ProjectRoleFactory(project=other, user=officer, role="lead")
    event = EventFactory(project=other)
    client.force_login(officer)
    assert client.get(reverse("meetings:event_edit", args=[project.pk, event.pk])).status_code == 404
    assert client.post(reverse("meetings:event_delete", args=[project.pk, event.pk])).status_code == 404
    assert Event.objects.filter(pk=event.pk).exists()
