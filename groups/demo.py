"""Demo content for groups: for each demo project a balanced-ish group of about ten members,
an open recruitment round (including people who did not take part, with reasons), access
requirements, training, support and expenses, terms of reference in three versions, and
agreed ground rules. Idempotent: a project that already has its demo group is skipped."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from projects.models import Project, ProjectRole, Stage

from . import services
from .guide import DEFAULT_GROUND_RULES, tor_defaults
from .models import AccessRecord, Applicant, ExpenseClaim, Group, Membership, Person, RecruitmentRound, TrainingRecord

T = Membership.Type
P = Membership.Position

# (name, type, position) — five residents, four council people, one subject expert.
MEMBERS = [
    ("Grace Okafor", T.RESIDENT, P.CHAIR),
    ("Tom Hughes", T.STAFF, P.CO_CHAIR),
    ("Priya Shah", T.STAFF, P.SECRETARIAT),
    ("Cllr Helen Baxter", T.COUNCILLOR, P.MEMBER),
    ("Mark Ellis", T.STAFF, P.MEMBER),
    ("Doreen Price", T.RESIDENT, P.MEMBER),
    ("Sam Wilson", T.CARER, P.MEMBER),
    ("Aisha Rahman", T.COMMUNITY, P.MEMBER),
    ("Jack Turner", T.RESIDENT, P.MEMBER),
    ("Dr Ruth Adeyemi", T.EXPERT, P.MEMBER),
]
RESIDENTS = {name for name, kind, _pos in MEMBERS if kind in Membership.RESIDENT_TYPES}

# People who were interested but did not take part, and why (reports count these).
NOT_TAKING_PART = [
    ("Brian Cole", "not_selected", "Another applicant from the same area had more lived experience."),
    ("Lucy Fraser", "timing", "Works shifts on the meeting evenings."),
    ("Ken Moss", "caring", "Could not arrange cover for caring responsibilities."),
    ("Nadia Ali", "transport", "No transport to the venue; offered taxi, declined."),
]
STILL_IN_PROGRESS = [("Owen Reid", Applicant.Status.APPLIED), ("Fay Lin", Applicant.Status.INTERESTED)]


def _email(name, project):
    return f"{slugify(name).replace('-', '.')}.p{project.pk}@example.org"


def _person(organisation, name, project):
    person, _created = services.person_find_or_create(
        organisation=organisation, email=_email(name, project), defaults={"name": name}
    )
    return person


def load(organisation, context):
    projects = context.get("projects") or list(Project.objects.filter(organisation=organisation))
    groups = context.setdefault("groups", [])
    people = context.setdefault("people", [])
    for project in projects:
        group = _load_project(organisation, project)
        groups.append(group)
        people.extend(p for p in Person.objects.filter(memberships__group=group) if p not in people)


def _load_project(organisation, project):
    name = f"{project.title}: co-production group"
    existing = Group.objects.filter(project=project, name=name).first()
    if existing:
        return existing
    start = project.start_date
    lead_role = ProjectRole.objects.filter(project=project, role=ProjectRole.Role.LEAD).select_related("user").first()
    lead = lead_role.user if lead_role else None
    group = Group.objects.create(
        project=project,
        name=name,
        kind=Group.Kind.COPRODUCTION,
        expenses_policy=(
            "Members who are residents can claim travel (mileage at 45p a mile, bus or taxi fares), care "
            "costs while they attend, and other reasonable costs agreed in advance. Claims are paid within "
            "two weeks. Ask the secretariat if you need help with a claim or want costs paid in advance."
        ),
        expenses_policy_agreed_on=start + dt.timedelta(days=14),
    )

    memberships = {}
    for index, (person_name, kind, position) in enumerate(MEMBERS):
        person = _person(organisation, person_name, project)
        memberships[person_name] = Membership.objects.create(
            group=group,
            person=person,
            member_type=kind,
            position=position,
            joined_on=start + dt.timedelta(days=7),
            first_call_done=index < 8,
            first_call_note="Talked through the first meeting and what to expect." if index < 8 else "",
        )

    # Open recruitment: the residents came through it; others were interested but did not take part.
    round = RecruitmentRound.objects.create(
        group=group,
        slug=f"{slugify(project.title)[:60]}-{group.pk}",
        title=f"Join the {project.title} co-production group",
        flyer_text=(
            "Would you like to help shape this service? We are looking for residents, carers and people from "
            "community organisations to work with council staff and councillors as equals. We meet once a "
            "month for about two hours. We pay travel and care costs, and can help with transport and "
            "technology."
        ),
        selection_criteria=(
            "Experience of using the service, as a resident or carer, or through a community organisation.\n"
            "A mix of people from different parts of the district, ages and backgrounds.\n"
            "Being able to come to most meetings (we will help with access and support)."
        ),
        # A project still planning keeps its round open, so the demo's public form can be tried.
        closes_on=(
            timezone.localdate() + dt.timedelta(days=28)
            if project.stage == Stage.PLANNING
            else start + dt.timedelta(days=5)
        ),
        is_open=project.stage == Stage.PLANNING,
    )
    for person_name in sorted(RESIDENTS):
        Applicant.objects.create(
            round=round,
            person=memberships[person_name].person,
            member_type=memberships[person_name].member_type,
            interest="I want services to work better for people like me.",
            status=Applicant.Status.SELECTED,
            experience="Years of using the service.",
            contribution="My experience and ideas from my neighbourhood.",
            availability="Most weekday evenings.",
            decision_note="Meets the criteria; brings lived experience the group needs.",
            decided_by=lead,
        )
    for person_name, reason, note in NOT_TAKING_PART:
        Applicant.objects.create(
            round=round,
            person=_person(organisation, person_name, project),
            member_type="resident",
            interest="I would like to help.",
            status=Applicant.Status.NOT_TAKING_PART,
            reason=reason,
            decision_note=note,
            decided_by=lead,
        )
    for person_name, status in STILL_IN_PROGRESS:
        Applicant.objects.create(
            round=round,
            person=_person(organisation, person_name, project),
            member_type="carer",
            interest="I care for my mother and know the service well.",
            status=status,
            experience="Caring for a family member." if status == Applicant.Status.APPLIED else "",
        )

    # Access requirements and support, recorded with consent.
    consent = start + dt.timedelta(days=8)
    AccessRecord.objects.create(
        membership=memberships["Doreen Price"],
        consent_given=True,
        consent_on=consent,
        large_print=True,
        transport=True,
        call_before=True,
        details="Size 18 print. Taxi booked by the secretariat.",
    )
    AccessRecord.objects.create(
        membership=memberships["Sam Wilson"], consent_given=True, consent_on=consent, timing=True, breaks=True
    )
    AccessRecord.objects.create(
        membership=memberships["Aisha Rahman"],
        consent_given=True,
        consent_on=consent,
        technology_help=True,
        interpreter=True,
        interpreter_language="Urdu",
    )
    Person.objects.filter(pk=memberships["Doreen Price"].person_id).update(preferred_format=Person.Format.LARGE_PRINT)

    for person_name in ["Grace Okafor", "Tom Hughes", "Priya Shah", "Doreen Price", "Sam Wilson", "Jack Turner"]:
        TrainingRecord.objects.create(
            membership=memberships[person_name],
            kind=TrainingRecord.Kind.FORMAL
            if person_name in {"Tom Hughes", "Priya Shah"}
            else TrainingRecord.Kind.INFORMAL,
            trained_on=start + dt.timedelta(days=10),
            description="Introduction to co-production and the West Berkshire principles",
        )
    for person_name, kind, amount, status in [
        ("Doreen Price", ExpenseClaim.Kind.TRAVEL, "18.40", ExpenseClaim.Status.PAID),
        ("Sam Wilson", ExpenseClaim.Kind.CARE, "36.00", ExpenseClaim.Status.APPROVED),
        ("Jack Turner", ExpenseClaim.Kind.TRAVEL, "6.30", ExpenseClaim.Status.SUBMITTED),
    ]:
        ExpenseClaim.objects.create(
            membership=memberships[person_name],
            claimed_on=start + dt.timedelta(days=21),
            kind=kind,
            amount=Decimal(amount),
            status=status,
        )

    # Terms of reference: discussed, then a draft, then agreed (the guide's first three meetings).
    clauses = tor_defaults(council=organisation.name, aim=project.aim)
    services.terms_version_create(
        group=group,
        status="discussed",
        meeting=None,
        note="Discussed informally at the first meeting",
        clauses=clauses,
        by=lead,
    )
    clauses = [
        (key, heading, text + "\n\nWe meet on the second Tuesday of each month, 6pm to 8pm.")
        if key == "operation"
        else (key, heading, text)
        for key, heading, text in clauses
    ]
    services.terms_version_create(
        group=group,
        status="draft",
        meeting=None,
        note="Draft presented at the second meeting",
        clauses=clauses,
        by=lead,
    )
    clauses = [
        (key, heading, text.replace("agrees a chair or co-chairs", "has a resident chair and a council co-chair"))
        for key, heading, text in clauses
    ]
    services.terms_version_create(
        group=group, status="agreed", meeting=None, note="Agreed at the third meeting", clauses=clauses, by=lead
    )
    services.ground_rules_set(
        group=group,
        rules=[str(rule) for rule in DEFAULT_GROUND_RULES] + ["Phones on silent during the meeting."],
        agreed_on=start + dt.timedelta(days=14),
        meeting=None,
    )
    return group
