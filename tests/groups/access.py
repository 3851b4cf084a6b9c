from groups import services
from groups.guide import tor_defaults
from tests.access import Row, expect
from tests.factories import (
    AccessRecordFactory,
    ApplicantFactory,
    ExpenseClaimFactory,
    MeetingFactory,
    MembershipFactory,
    RecruitmentRoundFactory,
)

VIEW = dict(support=200, lead=200, chair=200, manager=200, admin=200)
MANAGE = dict(support=200, lead=200, chair=404, manager=404, admin=200)
MANAGE_POST = dict(support=302, lead=302, chair=404, manager=404, admin=302)
# Special category data: the lead officer (and the group's secretariat, tested apart).
ACCESS = dict(support=403, lead=200, chair=403, manager=403, admin=403)
ERASE = dict(support=403, lead=200, chair=403, manager=403, admin=200)
PUBLIC = dict.fromkeys(["anonymous", "other_org", "outsider", "support", "lead", "chair", "manager", "admin"], 200)


def build(world):
    group = world.group
    world.meeting = MeetingFactory(group=group)
    world.membership = MembershipFactory(group=group)
    AccessRecordFactory(membership=world.membership)
    world.claim = ExpenseClaimFactory(membership=world.membership)
    world.round = RecruitmentRoundFactory(group=group)
    world.applicant = ApplicantFactory(round=world.round)
    world.application_token = services.application_link_mint(applicant=world.applicant)
    clauses = tor_defaults(council=world.organisation.name, aim=world.project.aim)
    for status in ["discussed", "agreed"]:
        services.terms_version_create(
            group=group, status=status, meeting=world.meeting, note="", clauses=clauses, by=None
        )


def _g(w, **extra):
    return {"project_pk": w.project.pk, "pk": w.group.pk, **extra}


def _m(w):
    return _g(w, membership_pk=w.membership.pk)


ROWS = {
    "groups:list": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**VIEW)),
    "groups:create": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**MANAGE)),
    "groups:detail": Row(kwargs=_g, expect=expect(**VIEW)),
    "groups:edit": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups:member_add": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups:member_detail": Row(kwargs=_m, expect=expect(**VIEW)),
    "groups:member_edit": Row(kwargs=_m, expect=expect(**MANAGE)),
    "groups:member_access": Row(kwargs=_m, expect=expect(**ACCESS)),
    "groups:member_erase": Row(kwargs=_m, expect=expect(**ERASE)),
    "groups:access_log": Row(kwargs=_g, expect=expect(**ERASE)),
    "groups:training_add": Row(kwargs=_m, expect=expect(**MANAGE)),
    "groups:expenses": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups:expenses_policy": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups:claim_add": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups:claim_status": Row(
        kwargs=lambda w: _g(w, claim_pk=w.claim.pk),
        method="post",
        data=lambda w: {"status": "approved"},
        expect=expect(**MANAGE_POST),
    ),
    "meetings:logistics": Row(kwargs=_g, expect=expect(**ACCESS)),
    "groups:round_create": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups:round_detail": Row(kwargs=lambda w: _g(w, round_pk=w.round.pk), expect=expect(**MANAGE)),
    "groups:round_edit": Row(kwargs=lambda w: _g(w, round_pk=w.round.pk), expect=expect(**MANAGE)),
    "groups:applicant_detail": Row(
        kwargs=lambda w: _g(w, round_pk=w.round.pk, applicant_pk=w.applicant.pk), expect=expect(**MANAGE)
    ),
    "groups:terms": Row(kwargs=_g, expect=expect(**VIEW)),
    "groups:terms_new": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups:terms_diff": Row(kwargs=_g, query="old=1&new=2", expect=expect(**VIEW)),
    "groups:terms_pdf": Row(kwargs=_g, expect=expect(**VIEW)),
    "groups:terms_version": Row(kwargs=lambda w: _g(w, number=1), expect=expect(**VIEW)),
    "groups:terms_print": Row(kwargs=lambda w: _g(w, number=2), expect=expect(**VIEW)),
    "groups:ground_rules": Row(kwargs=_g, expect=expect(**MANAGE)),
    "groups_public:join": Row(kwargs=lambda w: {"slug": w.round.slug}, expect=PUBLIC),
    "groups_public:apply": Row(kwargs=lambda w: {"token": w.application_token}, expect=PUBLIC),
}
