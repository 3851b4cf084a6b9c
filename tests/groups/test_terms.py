import datetime as dt

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from groups.diff import text_diff
from groups.guide import TOR_CLAUSES
from groups.models import GroundRule, TermsVersion
from tests.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(project):
    group = GroupFactory(project=project, name="Steering group")
    for weeks in (1, 3, 5):
        MeetingFactory(group=group, starts_at=timezone.now() + dt.timedelta(weeks=weeks))
    return group


def url(group, name, *args):
    return reverse(f"groups:{name}", args=[group.project_id, group.pk, *args])


def new_version_data(client, group, **changes):
    """The form as the page fills it in, with some changes."""
    form = client.get(url(group, "terms_new")).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["meeting"] = data["meeting"].pk if hasattr(data["meeting"], "pk") else data["meeting"]
    data.update(changes)
    return data


def test_first_version_starts_from_every_template_clause_with_the_guides_default_text(client, officer, group):
    client.force_login(officer)

    form = client.get(url(group, "terms_new")).context["form"]

    headings = [str(heading) for _key, heading, _text in TOR_CLAUSES]
    assert [str(form.fields[f"clause_{key}"].label) for key, _h, _t in TOR_CLAUSES] == headings
    assert "Group meetings and papers are not confidential." in form["clause_confidentiality"].value()
    assert "The Steering Group will aim to reach decisions by consensus." in form["clause_decisions"].value()
    assert group.project.organisation.name in form["clause_decisions"].value()
    assert form["status"].value() == "discussed"


def test_versions_go_discussed_draft_agreed_each_tied_to_the_suggested_meeting(client, officer, group):
    client.force_login(officer)
    meetings = list(group.meetings.order_by("starts_at"))

    for expected_status, meeting in zip(["discussed", "draft", "agreed"], meetings, strict=True):
        # Each version is recorded once its meeting has been held.
        with time_machine.travel(meeting.ends_at, tick=False):
            client.force_login(officer)  # a session from weeks before has expired
            data = new_version_data(client, group)
            assert data["status"] == expected_status
            assert data["meeting"] == meeting.pk
            client.post(url(group, "terms_new"), data)

    versions = list(group.terms_versions.order_by("number").values_list("number", "status", "meeting"))
    assert versions == [(1, "discussed", meetings[0].pk), (2, "draft", meetings[1].pk), (3, "agreed", meetings[2].pk)]
    assert group.terms_versions.agreed().get().number == 3


def test_every_version_is_kept_and_viewable_and_the_diff_shows_changes(client, officer, group):
    client.force_login(officer)
    client.post(url(group, "terms_new"), new_version_data(client, group))
    client.post(
        url(group, "terms_new"),
        new_version_data(client, group, clause_purpose="We will improve the recycling centre.", note="Purpose agreed"),
    )

    first = client.get(url(group, "terms_version", 1)).content.decode()
    second = client.get(url(group, "terms_version", 2)).content.decode()
    assert "The aim of co-production" in first
    assert "We will improve the recycling centre." in second
    assert TermsVersion.objects.get(group=group, number=1).clauses.get(key="purpose").text.startswith("The aim")

    diff = client.get(url(group, "terms_diff"), {"old": 1, "new": 2}).content.decode()
    assert "<ins" in diff and "<del" in diff
    assert "[added: </span>" in diff and "[removed: </span>" in diff
    assert "recycling" in diff
    assert "(no change)" in diff


def test_text_diff_marks_inserted_and_deleted_words():
    assert text_diff("meet every month", "meet every week") == [
        ("equal", "meet every "),
        ("delete", "month"),
        ("insert", "week"),
    ]


def test_diff_escapes_what_people_typed(client, officer, group):
    client.force_login(officer)
    client.post(url(group, "terms_new"), new_version_data(client, group))
    client.post(url(group, "terms_new"), new_version_data(client, group, clause_purpose="<script>x</script>"))

    diff = client.get(url(group, "terms_diff"), {"old": 1, "new": 2}).content.decode()

    assert "<script>x" not in diff
    assert "&lt;script&gt;" in diff


def test_agreed_version_prints_and_downloads_as_pdf(client, officer, group):
    client.force_login(officer)
    for status in ["discussed", "agreed"]:
        data = new_version_data(client, group, status=status, meeting="")
        client.post(url(group, "terms_new"), data)

    printable = client.get(url(group, "terms_print", 2)).content.decode()
    pdf = client.get(url(group, "terms_pdf"))

    assert "Steering group: terms of reference" in printable
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_no_pdf_before_a_version_is_agreed(client, officer, group):
    client.force_login(officer)
    client.post(url(group, "terms_new"), new_version_data(client, group))

    assert client.get(url(group, "terms_pdf")).status_code == 404


def test_ground_rules_agreed_at_first_meeting_show_for_agendas(client, officer, group):
    client.force_login(officer)
    first = group.meetings.order_by("starts_at").first()
    form = client.get(url(group, "ground_rules")).context["form"]
    assert "Respect individual and organisational confidentiality." in form["rules"].value()
    assert form["meeting"].value() == first.pk

    client.post(
        url(group, "ground_rules"),
        {"rules": "Listen to each other\n\nOne voice at a time\n", "agreed_on": "2026-12-01", "meeting": first.pk},
    )

    group.refresh_from_db()
    assert list(GroundRule.objects.filter(group=group).values_list("text", flat=True)) == [
        "Listen to each other",
        "One voice at a time",
    ]
    assert group.ground_rules_agreed_on == dt.date(2026, 12, 1)
    html = render_to_string("groups/_ground_rules_for_agenda.html", {"group": group})
    assert "One voice at a time" in html and "1 December 2026" in html


def test_agenda_snippet_is_empty_until_ground_rules_are_agreed(group):
    GroundRule.objects.create(group=group, text="Be kind")

    assert render_to_string("groups/_ground_rules_for_agenda.html", {"group": group}).strip() == ""


def test_terms_cannot_be_agreed_at_a_meeting_that_has_not_happened(client, officer, group):
    client.force_login(officer)
    future = group.meetings.order_by("starts_at").last()
    response = client.post(url(group, "terms_new"), new_version_data(client, group, status="agreed", meeting=future.pk))
    assert "Terms can only be agreed at a meeting that has taken place." in response.text
    assert not group.terms_versions.exists()
    # A draft may be tied to a meeting still to come.
    client.post(url(group, "terms_new"), new_version_data(client, group, status="draft", meeting=future.pk))
    assert list(group.terms_versions.values_list("status", flat=True)) == ["draft"]


def test_terms_can_be_agreed_once_the_meeting_has_been_held(client, officer, group):
    client.force_login(officer)
    meeting = group.meetings.order_by("starts_at").first()
    with time_machine.travel(meeting.starts_at + dt.timedelta(minutes=90), tick=False):
        client.force_login(officer)
        client.post(url(group, "terms_new"), new_version_data(client, group, status="agreed", meeting=meeting.pk))
    assert group.terms_versions.agreed().get().meeting == meeting
