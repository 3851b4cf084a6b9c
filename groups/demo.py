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


GROUP = {
    "kind": Group.Kind.COPRODUCTION,
    "expenses_policy": (
        "Members who are residents can claim travel (mileage at 45p a mile, bus or taxi fares), care "
        "costs while they attend, and other reasonable costs agreed in advance. Claims are paid within "
        "two weeks. Ask the secretariat if you need help with a claim or want costs paid in advance."
    ),
}
ROUND = {
    "flyer_text": (
        "Would you like to help shape this service? We are looking for residents, carers and people from "
        "community organisations to work with council staff and councillors as equals. We meet once a "
        "month for about two hours. We pay travel and care costs, and can help with transport and "
        "technology."
    ),
    "selection_criteria": (
        "Experience of using the service, as a resident or carer, or through a community organisation.\n"
        "A mix of people from different parts of the district, ages and backgrounds.\n"
        "Being able to come to most meetings (we will help with access and support)."
    ),
}
SELECTED = {
    "interest": "I want services to work better for people like me.",
    "status": Applicant.Status.SELECTED,
    "experience": "Years of using the service.",
    "contribution": "My experience and ideas from my neighbourhood.",
    "availability": "Most weekday evenings.",
    "decision_note": "Meets the criteria; brings lived experience the group needs.",
}
# The first eight members had their call before the first meeting.
FIRST_CALLS = 8
FIRST_CALL_NOTE = "Talked through the first meeting and what to expect."

# Days after the project starts.
POLICY_AGREED_DAY = 14
JOINED_DAY = 7
ROUND_CLOSED_DAY = 5

# Access requirements and support, recorded with consent.
CONSENT_DAY = 8
ACCESS = {
    "Doreen Price": {
        "large_print": True,
        "transport": True,
        "call_before": True,
        "details": "Size 18 print. Taxi booked by the secretariat.",
    },
    "Sam Wilson": {"timing": True, "breaks": True},
    "Aisha Rahman": {"technology_help": True, "interpreter": True, "interpreter_language": "Urdu"},
}
LARGE_PRINT = ["Doreen Price"]

TRAINING_DAY = 10
TRAINING = "Introduction to co-production and the West Berkshire principles"
FORMAL, INFORMAL = TrainingRecord.Kind.FORMAL, TrainingRecord.Kind.INFORMAL
TRAINED = [
    ("Grace Okafor", INFORMAL),
    ("Tom Hughes", FORMAL),
    ("Priya Shah", FORMAL),
    ("Doreen Price", INFORMAL),
    ("Sam Wilson", INFORMAL),
    ("Jack Turner", INFORMAL),
]

EXPENSES_DAY = 21
EXPENSES = [
    ("Doreen Price", ExpenseClaim.Kind.TRAVEL, "18.40", ExpenseClaim.Status.PAID),
    ("Sam Wilson", ExpenseClaim.Kind.CARE, "36.00", ExpenseClaim.Status.APPROVED),
    ("Jack Turner", ExpenseClaim.Kind.TRAVEL, "6.30", ExpenseClaim.Status.SUBMITTED),
]

# Terms of reference over the guide's first three meetings: each version is the last one changed.
# (status, note, clause key or None for all clauses, change to its text)
TERMS = [
    ("discussed", "Discussed informally at the first meeting", None, lambda text: text),
    (
        "draft",
        "Draft presented at the second meeting",
        "operation",
        lambda text: text + "\n\nWe meet on the second Tuesday of each month, 6pm to 8pm.",
    ),
    (
        "agreed",
        "Agreed at the third meeting",
        None,
        lambda text: text.replace("agrees a chair or co-chairs", "has a resident chair and a council co-chair"),
    ),
]
GROUND_RULES_DAY = 14
EXTRA_GROUND_RULES = ["Phones on silent during the meeting."]


def _email(name, project):
    return f"{slugify(name).replace('-', '.')}.p{project.pk}@example.org"


def _person(organisation, name, project):
    person, _created = services.person_find_or_create(
        organisation=organisation, email=_email(name, project), defaults={"name": name}
    )
    return person


def _day(project, days):
    return project.start_date + dt.timedelta(days=days)


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
    lead_role = ProjectRole.objects.filter(project=project, role=ProjectRole.Role.LEAD).select_related("user").first()
    lead = lead_role.user if lead_role else None
    group = Group.objects.create(
        project=project, name=name, expenses_policy_agreed_on=_day(project, POLICY_AGREED_DAY), **GROUP
    )
    memberships = _members(organisation, group)
    _recruitment(organisation, group, memberships, lead)
    _support(memberships)
    _terms(organisation, group, lead)
    return group


def _members(organisation, group):
    memberships = {}
    for index, (name, kind, position) in enumerate(MEMBERS):
        membership = services.membership_add(
            group=group,
            person=_person(organisation, name, group.project),
            member_type=kind,
            position=position,
            joined_on=_day(group.project, JOINED_DAY),
        )
        if index < FIRST_CALLS:
            membership.first_call_done, membership.first_call_note = True, FIRST_CALL_NOTE
            membership.save(update_fields=["first_call_done", "first_call_note"])
        memberships[name] = membership
    return memberships


def _recruitment(organisation, group, memberships, lead):
    """An open round: the residents came through it; others were interested but did not take part."""
    project = group.project
    planning = project.stage == Stage.PLANNING
    round = RecruitmentRound.objects.create(
        group=group,
        slug=f"{slugify(project.title)[:60]}-{group.pk}",
        title=f"Join the {project.title} co-production group",
        # A project still planning keeps its round open, so the demo's public form can be tried.
        closes_on=timezone.localdate() + dt.timedelta(days=28) if planning else _day(project, ROUND_CLOSED_DAY),
        is_open=planning,
        **ROUND,
    )
    for name in sorted(RESIDENTS):
        membership = memberships[name]
        Applicant.objects.create(
            round=round, person=membership.person, member_type=membership.member_type, decided_by=lead, **SELECTED
        )
    for name, reason, note in NOT_TAKING_PART:
        Applicant.objects.create(
            round=round,
            person=_person(organisation, name, project),
            member_type="resident",
            interest="I would like to help.",
            status=Applicant.Status.NOT_TAKING_PART,
            reason=reason,
            decision_note=note,
            decided_by=lead,
        )
    for name, status in STILL_IN_PROGRESS:
        Applicant.objects.create(
            round=round,
            person=_person(organisation, name, project),
            member_type="carer",
            interest="I care for my mother and know the service well.",
            status=status,
            experience="Caring for a family member." if status == Applicant.Status.APPLIED else "",
        )


def _support(memberships):
    """Access needs (with consent), training and expenses for the members listed above."""
    project = next(iter(memberships.values())).group.project
    for name, needs in ACCESS.items():
        AccessRecord.objects.create(
            membership=memberships[name], consent_given=True, consent_on=_day(project, CONSENT_DAY), **needs
        )
    Person.objects.filter(pk__in=[memberships[name].person_id for name in LARGE_PRINT]).update(
        preferred_format=Person.Format.LARGE_PRINT
    )
    for name, kind in TRAINED:
        TrainingRecord.objects.create(
            membership=memberships[name], kind=kind, trained_on=_day(project, TRAINING_DAY), description=TRAINING
        )
    for name, kind, amount, status in EXPENSES:
        ExpenseClaim.objects.create(
            membership=memberships[name],
            claimed_on=_day(project, EXPENSES_DAY),
            kind=kind,
            amount=Decimal(amount),
            status=status,
        )


def _terms(organisation, group, lead):
    clauses = tor_defaults(council=organisation.name, aim=group.project.aim)
    for status, note, changed_key, change in TERMS:
        clauses = [
            (key, heading, change(text) if changed_key in (None, key) else text) for key, heading, text in clauses
        ]
        services.terms_version_create(group=group, status=status, meeting=None, note=note, clauses=clauses, by=lead)
    services.ground_rules_set(
        group=group,
        rules=[str(rule) for rule in DEFAULT_GROUND_RULES] + EXTRA_GROUND_RULES,
        agreed_on=_day(group.project, GROUND_RULES_DAY),
        meeting=None,
    )
