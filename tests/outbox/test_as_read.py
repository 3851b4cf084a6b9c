"""Every kind of email, with names that have apostrophes, ampersands and accents, read as a mail
client shows it: the names appear as typed in the subject and the plain text, and are escaped
(once) in the HTML. A new kind of email needs a scenario here, or the first test fails."""

import pytest
from django.core import mail
from django.utils import timezone

from outbox.services import email_queue
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    ApplicantFactory,
    DecisionFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    MonitoringInvitationFactory,
    OrganisationFactory,
    ProjectRoleFactory,
    QuestionnaireFactory,
    RecruitmentRoundFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
    ReportExportFactory,
    UserFactory,
    invitation_with_token,
)
from tests.inbox import email_kinds, html_source, html_visible_text, plain_text, read_sent

COUNCIL = "Smith & Jones District Council"
PERSON = "Siân O'Neill"
GROUP = "O'Neill Road & Siân's Group"
PROJECT = 'Bins & Boxes: Newbury\'s "Fresh Start"'
ITEM = "Siân's survey & what it found"
ROUND = "Join O'Neill Road & Siân's Group"


@pytest.fixture
def world(db):
    organisation = OrganisationFactory(name=COUNCIL)
    lead = ProjectRoleFactory(project__organisation=organisation, project__title=PROJECT, user__name="Mary O'Brien")
    group = GroupFactory(project=lead.project, name=GROUP)
    member = MembershipFactory(group=group, person__name=PERSON, person__email="sian@example.org").person
    meeting = MeetingFactory(group=group, title="Siân's agenda & more")
    AgendaItemFactory(meeting=meeting, title=ITEM, lead="Dai O'Neill & Co")
    return {"organisation": organisation, "lead": lead.user, "group": group, "person": member, "meeting": meeting}


def _meeting(world, **params):
    return {"meeting": world["meeting"].pk, "person": world["person"].pk, **params}


def _papers_updated(world):
    change = world["meeting"].paper_changes.create(description=f"Added: {ITEM}", batch=1)
    return {"params": _meeting(world, batch=change.batch), "expect": [PERSON, ITEM, COUNCIL]}


def _notes(world):
    DecisionFactory(meeting=world["meeting"], text="Siân's plan & O'Neill's budget agreed")
    ActionFactory(meeting=world["meeting"], description="Write to Smith & Jones", owner="Siân O'Neill")
    return {"params": _meeting(world), "expect": [PERSON, GROUP, ITEM, "Siân's plan & O'Neill's budget agreed"]}


def _reflection(world):
    round = ReflectionRoundFactory(group=world["group"])
    invitation = ReflectionInvitationFactory(round=round, person=world["person"], sent_at=timezone.now())
    return {"params": {"invitation_id": invitation.pk}, "expect": [PERSON, GROUP, COUNCIL]}


def _questionnaire(world):
    questionnaire = QuestionnaireFactory(project=world["group"].project)
    invitation, _token = invitation_with_token(questionnaire, person=world["person"])
    return {"params": {"invitation": invitation.pk}, "expect": [PERSON, PROJECT, COUNCIL]}


def _application_link(world):
    round = RecruitmentRoundFactory(group=world["group"], title=ROUND)
    applicant = ApplicantFactory(round=round, person=world["person"])
    return {"params": {"applicant": applicant.pk}, "expect": [PERSON, ROUND, COUNCIL]}


def _application_outcome(status):
    def make(world):
        round = RecruitmentRoundFactory(group=world["group"], title=ROUND)
        applicant = ApplicantFactory(round=round, person=world["person"], status=status, reason="timing")
        return {"params": {"applicant": applicant.pk}, "expect": [PERSON, ROUND, COUNCIL]}

    return make


def _member_links(world):
    return {"params": {"group": world["group"].pk, "person": world["person"].pk}, "expect": [PERSON, GROUP, COUNCIL]}


def _staff_invitation(world):
    user = UserFactory(organisation=world["organisation"], name=PERSON, email="sian@example.org")
    user.set_unusable_password()
    user.save()
    params = {"user_id": user.pk, "invited_by_id": world["lead"].pk}
    return {"params": params, "expect": [PERSON, "Mary O'Brien", COUNCIL]}


def _password_reset(world):
    user = UserFactory(organisation=world["organisation"], name=PERSON, email="sian@example.org")
    params = {"template_prefix": "account/email/password_reset_key", "user_id": user.pk}
    return {"params": params, "expect": [PERSON, COUNCIL]}


def _monitoring(world):
    invitation = MonitoringInvitationFactory(project=world["group"].project, person=world["person"])
    return {"params": {"invitation": invitation.pk}, "expect": [PERSON, PROJECT, COUNCIL]}


def _report_ready(world):
    requested_by = UserFactory(organisation=world["organisation"], name=PERSON, role="manager")
    export = ReportExportFactory(
        requested_by=requested_by, scope="project", project=world["group"].project, status="ready"
    )
    return {"params": {"export": export.pk}, "expect": [PERSON, PROJECT]}


AGENDA = [PERSON, GROUP, ITEM, "Dai O'Neill & Co", COUNCIL]
# What each kind is sent about, and the names its subject must show as typed.
SCENARIOS = {
    "meetings.agenda_pack": (
        lambda w: {"params": _meeting(w, version=w["meeting"].pack_version), "expect": AGENDA},
        GROUP,
    ),
    "meetings.papers_updated": (_papers_updated, GROUP),
    "meetings.reminder": (lambda w: {"params": _meeting(w), "expect": AGENDA}, GROUP),
    "meetings.meeting_changed": (lambda w: {"params": _meeting(w)}, GROUP),
    "meetings.meeting_cancelled": (lambda w: {"params": _meeting(w)}, GROUP),
    "meetings.notes": (_notes, GROUP),
    "meetings.member_links": (_member_links, GROUP),
    "feedback.round_invitation": (_reflection, GROUP),
    "feedback.round_reminder": (_reflection, GROUP),
    "outcomes.questionnaire_invitation": (_questionnaire, PROJECT),
    "outcomes.questionnaire_reminder": (_questionnaire, PROJECT),
    "groups.application_link": (_application_link, ROUND),
    "groups.application_outcome": (_application_outcome("not_taking_part"), ROUND),
    "organisations.staff_invitation": (_staff_invitation, COUNCIL),
    "organisations.account_email": (_password_reset, COUNCIL),
    "reporting.monitoring_invitation": (_monitoring, PROJECT),
    "reporting.report_ready": (_report_ready, None),
}


def test_every_kind_of_email_has_a_scenario_here():
    assert sorted(SCENARIOS) == email_kinds()


def _sent(kind, world, run_tasks):
    make, subject_name = SCENARIOS[kind]
    scenario = make(world)
    email_queue(kind=kind, key=f"{kind}:1", recipient="sian@example.org", params=scenario["params"])
    run_tasks()
    assert len(mail.outbox) == 1, f"{kind} was not sent"
    expect = scenario.get("expect", [PERSON, GROUP, COUNCIL])
    return read_sent(mail.outbox[0]), subject_name, expect


@pytest.mark.parametrize("kind", sorted(SCENARIOS))
def test_names_read_as_typed_in_the_subject_and_text_and_escaped_once_in_the_html(kind, world, run_tasks):
    received, subject_name, expect = _sent(kind, world, run_tasks)
    subject, text, html, shown = (
        received["Subject"],
        plain_text(received),
        html_source(received),
        html_visible_text(received),
    )
    if subject_name:
        assert subject_name in subject
    for part in (subject, text):
        assert "&#" not in part and "&amp;" not in part and "&quot;" not in part, part
    for name in expect:
        assert name in text, (name, text)
        assert name in shown, (name, shown)
    # In the HTML source an ampersand is always the start of an entity: "&" alone was not escaped.
    assert "& " not in html
    assert '"Fresh Start"' not in html
    for attachment in received.iter_attachments():
        content = attachment.get_content()
        content = content.decode() if isinstance(content, bytes) else content
        assert "&#" not in content and "&amp;" not in content
