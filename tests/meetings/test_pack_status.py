"""The officer sees when the pack is due, when it went, to whom, and what failed."""

import datetime as dt

import time_machine
from django.core import mail
from django.urls import reverse

from meetings import services
from outbox.models import OutgoingEmail
from tests.factories import GroupFactory, MembershipFactory

from .helpers import at

NOW = at(2027, 9, 1, 9, 0)


def failed_pk(person):
    return OutgoingEmail.objects.get(person=person).pk


def test_officer_sees_pack_due_sent_failed_and_by_post_and_can_retry(client, officer, project, run_tasks):
    group = GroupFactory(project=project)
    ruth = MembershipFactory(group=group, person__name="Ruth Resident").person
    bad = MembershipFactory(group=group, person__name="Bob Bounce").person
    MembershipFactory(
        group=group, person__name="Pat Post", person__preferred_contact="post", person__preferred_format="large_print"
    )
    with time_machine.travel(NOW, tick=False):
        client.force_login(officer)  # sessions last 12 hours: sign in at the travelled-to time
        meeting = services.meeting_create(
            group=group, starts_at=NOW + dt.timedelta(weeks=3), ends_at=NOW + dt.timedelta(weeks=3, hours=2)
        )
        url = reverse("meetings:detail", args=[project.pk, meeting.pk])
        page = client.get(url).text
        assert "The pack goes to members automatically on Wednesday 15 September 2027, 09:00." in page
    with time_machine.travel(NOW + dt.timedelta(weeks=2, minutes=1), tick=False):
        client.force_login(officer)
        run_tasks()
        OutgoingEmail.objects.filter(person=bad).update(
            status="failed", last_error="SMTPRecipientsRefused: unknown user"
        )
        page = client.get(url).text
        list_page = client.get(reverse("meetings:list", args=[project.pk])).text
        response = client.post(reverse("meetings:email_retry", args=[project.pk, meeting.pk, failed_pk(bad)]))
        assert response.status_code == 302
        posting = meeting.postings.get()
        client.post(reverse("meetings:posting_done", args=[project.pk, meeting.pk, posting.pk]))
    assert "The pack went to members on 15 September 2027, 09:01." in page
    assert "Emails that could not be sent" in page and "unknown user" in page
    assert "Ruth Resident" in page and "Sent" in page
    # Each email is named in plain words, not by its code name.
    assert "<td>Agenda and papers</td>" in page and "Agenda_pack" not in page
    assert "Pat Post (Large print)" in page and "Mark as posted to Pat Post" in page
    assert "1 email failed" in list_page

    mail.outbox.clear()
    with time_machine.travel(NOW + dt.timedelta(weeks=2, minutes=5), tick=False):
        run_tasks()
    assert [m.to for m in mail.outbox] == [[bad.email]]
    assert ruth.email not in [m.to[0] for m in mail.outbox]
    posting.refresh_from_db()
    assert posting.posted_at is not None


def test_chair_sees_the_meeting_but_cannot_change_it(client, project):
    from tests.factories import ProjectRoleFactory

    chair = ProjectRoleFactory(project=project, role="chair", user__role="chair").user
    group = GroupFactory(project=project)
    meeting = services.meeting_create(group=group, starts_at=at(2031, 1, 14, 14, 0), ends_at=at(2031, 1, 14, 16, 0))
    client.force_login(chair)
    page = client.get(reverse("meetings:detail", args=[project.pk, meeting.pk])).text
    assert "Welcome and introductions" in page
    assert "Change or reschedule" not in page
    assert client.get(reverse("meetings:edit", args=[project.pk, meeting.pk])).status_code == 404


def test_query_count_of_the_meeting_page_does_not_grow_with_the_agenda(
    client, officer, project, django_assert_max_num_queries
):
    from tests.factories import AgendaItemFactory, PaperFactory

    group = GroupFactory(project=project)
    meeting = services.meeting_create(group=group, starts_at=at(2031, 1, 14, 14, 0), ends_at=at(2031, 1, 14, 16, 0))
    for _ in range(15):
        PaperFactory(item=AgendaItemFactory(meeting=meeting))
    client.force_login(officer)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("meetings:detail", args=[project.pk, meeting.pk])).status_code == 200
