"""Recording attendance for a full room: mark everyone present, then change the few who were not."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance
from tests.factories import GroupFactory, MeetingFactory

from .helpers import add_members


def test_mark_everyone_present_fills_the_form_and_saving_records_it(client, officer, project):
    group = GroupFactory(project=project)
    people = add_members(group, 3)
    start = timezone.now() - dt.timedelta(hours=3)
    meeting = MeetingFactory(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    Attendance.objects.create(meeting=meeting, person=people[0], status=Attendance.Status.APOLOGIES)
    url = reverse("meetings:attendance", args=[project.pk, meeting.pk])
    client.force_login(officer)
    assert "Mark everyone not yet recorded as present" in client.get(url).text
    form = client.get(url + "?mark=present").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    assert data[f"status_{people[0].pk}"] == "apologies"  # already recorded: left as it was
    assert data[f"status_{people[1].pk}"] == data[f"status_{people[2].pk}"] == "present"
    assert not Attendance.objects.filter(status="present").exists()  # nothing saved yet
    client.post(url, data)
    assert sorted(Attendance.objects.values_list("status", flat=True)) == ["apologies", "present", "present"]
