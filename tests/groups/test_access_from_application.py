"""What an applicant wrote about the support they need is carried into their membership's
access record, not retyped; it is kept only once their agreement is recorded."""

from django.urls import reverse

from groups import services
from groups.models import AccessRecord, Applicant, Membership
from tests.factories import ApplicantFactory, GroupFactory, RecruitmentRoundFactory


def test_the_selected_applicants_support_needs_are_offered_on_their_access_page(client, officer, project):
    group = GroupFactory(project=project)
    applicant = ApplicantFactory(
        round=RecruitmentRoundFactory(group=group),
        status=Applicant.Status.APPLIED,
        support_needed="A lift or ground floor room, and papers in large print.",
    )
    services.applicant_decide(applicant=applicant, decision="select", note="", by=officer)
    membership = Membership.objects.get(group=group, person=applicant.person)
    client.force_login(officer)
    url = reverse("groups:member_access", args=[project.pk, group.pk, membership.pk])
    page = client.get(url)
    assert page.context["form"]["details"].value() == "A lift or ground floor room, and papers in large print."
    assert "When they applied to join" in page.text
    client.post(url, {"details": "A lift or ground floor room, and papers in large print.", "large_print": "on"})
    assert not AccessRecord.objects.exists()  # no agreement recorded: nothing kept
    client.post(
        url,
        {
            "details": "A lift or ground floor room, and papers in large print.",
            "large_print": "on",
            "consent_given": "on",
            "consent_on": "2026-12-01",
        },
    )
    record = AccessRecord.objects.get(membership=membership)
    assert record.large_print and record.details.startswith("A lift")
