"""What the forms refuse, and who cannot open a paper."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Paper
from meetings.tokens import member_token
from meetings.uploads import MAX_PAPER_BYTES
from tests.factories import (
    AgendaItemFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PaperFactory,
    PersonFactory,
)

FUTURE = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
PAST = (timezone.localdate() - dt.timedelta(days=3)).isoformat()


@pytest.fixture
def group(project):
    return GroupFactory(project=project)


def meeting_data(group, **overrides):
    return {"group": group.pk, "date": FUTURE, "start_time": "14:00", "end_time": "16:00", **overrides}


def test_meeting_that_ends_before_it_starts_is_refused(client, officer, project, group):
    client.force_login(officer)
    response = client.post(reverse("meetings:create", args=[project.pk]), meeting_data(group, end_time="13:00"))
    assert response.status_code == 200
    assert "The meeting must end after it starts." in response.text
    assert not Meeting.objects.exists()


def test_meeting_in_the_past_is_refused(client, officer, project, group):
    client.force_login(officer)
    response = client.post(reverse("meetings:create", args=[project.pk]), meeting_data(group, date=PAST))
    assert "The meeting must be in the future." in response.text
    assert not Meeting.objects.exists()


def test_series_starting_in_the_past_is_refused(client, officer, project, group):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:plan", args=[project.pk]),
        {
            "group": group.pk,
            "pattern": "monthly",
            "first_date": PAST,
            "count": 6,
            "start_time": "10:00",
            "end_time": "12:00",
        },
    )
    assert "Every meeting must be in the future." in response.text
    assert not Meeting.objects.exists()


def test_a_valid_meeting_is_saved_with_its_standard_agenda(client, officer, project, group):
    client.force_login(officer)
    response = client.post(reverse("meetings:create", args=[project.pk]), meeting_data(group, venue_name="Shaw House"))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert [i.title for i in meeting.agenda_items.all()] == [
        "Welcome and introductions",
        "Agree our ground rules",
        "Reflection time",
    ]


class FakeSizeUpload(SimpleUploadedFile):
    """A small file that reports itself as huge: tests the limit without 200 MB in memory."""

    def __init__(self, *args, fake_size, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = fake_size


@pytest.fixture
def item(project, group):
    return AgendaItemFactory(meeting=MeetingFactory(group=group))


def upload_url(project, item):
    return reverse("meetings:paper_create", args=[project.pk, item.meeting.pk, item.pk])


def test_a_200_mb_upload_is_refused(officer, project, item):
    from meetings.forms import PaperForm

    upload = FakeSizeUpload("big.pdf", b"%PDF-1.4\n", content_type="application/pdf", fake_size=200 * 1024 * 1024)
    form = PaperForm({"title": "Big"}, {"file": upload})
    assert not form.is_valid()
    assert "smaller than 20 MB" in form.errors["file"][0]
    assert upload.size > MAX_PAPER_BYTES


def test_a_large_file_posted_through_the_page_is_refused(client, officer, project, item, tmp_path):
    # A sparse file: 21 MB on paper, almost nothing on disk.
    path = tmp_path / "large.pdf"
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(MAX_PAPER_BYTES + 1024 * 1024)
    client.force_login(officer)
    with open(path, "rb") as handle:
        response = client.post(upload_url(project, item), {"title": "Large", "file": handle})
    assert "smaller than 20 MB" in response.text
    assert not Paper.objects.exists()


def test_an_exe_renamed_pdf_is_refused(client, officer, project, item):
    client.force_login(officer)
    upload = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")
    response = client.post(upload_url(project, item), {"title": "Minutes", "file": upload})
    assert "must be a PDF, a Word or OpenDocument file" in response.text
    assert not Paper.objects.exists()


def test_a_real_pdf_is_accepted_and_stored_privately(client, officer, project, item, media_root):
    client.force_login(officer)
    upload = SimpleUploadedFile("survey.pdf", b"%PDF-1.4\n1 0 obj\n", content_type="application/pdf")
    response = client.post(upload_url(project, item), {"title": "Survey", "file": upload})
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert paper.content_type == "application/pdf"
    assert paper.original_name == "survey.pdf"
    assert "survey" not in paper.file.name  # stored under a random name
    assert str(media_root) in paper.file.path


def test_word_and_odf_files_are_recognised_by_their_contents(tmp_path):
    import io
    import zipfile

    from meetings.uploads import sniff_content_type

    def zipped(files):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        buffer.seek(0)
        return buffer

    docx = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
    odt = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})
    other = zipped({"evil.exe": "MZ"})
    assert sniff_content_type(docx).endswith("wordprocessingml.document")
    assert sniff_content_type(odt) == "application/vnd.oasis.opendocument.text"
    assert sniff_content_type(other) is None


def test_a_paper_link_opened_by_someone_outside_the_group_is_not_found(client, project, group):
    paper = PaperFactory(item=AgendaItemFactory(meeting=MeetingFactory(group=group)))
    member = MembershipFactory(group=group).person
    other_group = GroupFactory(project=project)
    outsider = MembershipFactory(group=other_group).person
    own = member_token(group=group, person=member)
    theirs = member_token(group=other_group, person=outsider)

    assert client.get(reverse("meetings_public:paper", args=[own, paper.pk])).status_code == 200
    assert client.get(reverse("meetings_public:paper", args=[theirs, paper.pk])).status_code == 404
    assert client.get(reverse("meetings_public:paper", args=["x" * 43, paper.pk])).status_code == 404


def test_a_member_who_has_left_loses_access_to_papers(client, group):
    paper = PaperFactory(item=AgendaItemFactory(meeting=MeetingFactory(group=group)))
    membership = MembershipFactory(group=group)
    token = member_token(group=group, person=membership.person)
    membership.left_on = timezone.localdate() - dt.timedelta(days=1)
    membership.joined_on = membership.left_on - dt.timedelta(days=10)
    membership.save()
    assert client.get(reverse("meetings_public:paper", args=[token, paper.pk])).status_code == 404


def test_staff_of_another_organisation_cannot_open_a_paper(client, group):
    from tests.factories import UserFactory

    paper = PaperFactory(item=AgendaItemFactory(meeting=MeetingFactory(group=group)))
    client.force_login(UserFactory(role="admin"))
    url = reverse("meetings:paper", args=[group.project.pk, paper.item.meeting.pk, paper.pk])
    assert client.get(url).status_code == 404


def test_only_a_hash_of_the_member_token_is_stored(group):
    from meetings.models import MemberLink

    person = PersonFactory(organisation=group.project.organisation)
    token = member_token(group=group, person=person)
    link = MemberLink.objects.get()
    assert token not in link.token_hash
    assert len(link.token_hash) == 64
