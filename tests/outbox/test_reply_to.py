"""Messages that ask people to reply carry a Reply-To of the group's secretariat: the group's
reply-to address, or the project's lead officer when the group has none."""

import pytest
from django.core import mail
from django.urls import reverse

from outbox.services import email_queue
from tests.factories import ApplicantFactory, GroupFactory, MeetingFactory, MembershipFactory, ProjectRoleFactory
from tests.inbox import read_sent


def _reply_to_of(kind, group, run_tasks):
    if kind == "groups.application_link":
        applicant = ApplicantFactory(round__group=group)
        params = {"applicant": applicant.pk}
    else:
        meeting = MeetingFactory(group=group)
        person = MembershipFactory(group=group).person
        params = {"meeting": meeting.pk, "person": person.pk, "version": meeting.pack_version}
    email_queue(kind=kind, key="k:1", recipient="member@example.org", params=params)
    run_tasks()
    [sent] = mail.outbox
    return read_sent(sent)["Reply-To"]


@pytest.mark.parametrize("kind", ["meetings.agenda_pack", "meetings.reminder", "groups.application_link"])
def test_replies_go_to_the_groups_reply_to_address(db, run_tasks, kind):
    group = GroupFactory(reply_to="waste.secretariat@example.gov.uk")
    assert _reply_to_of(kind, group, run_tasks) == "waste.secretariat@example.gov.uk"


@pytest.mark.parametrize("kind", ["meetings.agenda_pack", "meetings.reminder", "groups.application_link"])
def test_without_one_replies_go_to_the_lead_officer(db, run_tasks, kind):
    lead = ProjectRoleFactory(user__email="olive.officer@example.gov.uk", role="lead")
    ProjectRoleFactory(project=lead.project, role="support")
    group = GroupFactory(project=lead.project)
    assert _reply_to_of(kind, group, run_tasks) == "olive.officer@example.gov.uk"


def test_the_officer_sets_the_groups_reply_to_address(client, project, officer):
    group = GroupFactory(project=project, name="Waste group")
    client.force_login(officer)
    data = {"name": "Waste group", "kind": group.kind, "reply_to": "waste.secretariat@example.gov.uk"}
    client.post(reverse("groups:edit", args=[project.pk, group.pk]), data)
    group.refresh_from_db()
    assert group.reply_to == "waste.secretariat@example.gov.uk"
