from .core import Group, GroupQuerySet, Membership, MembershipQuerySet, Person
from .recruitment import Applicant, RecruitmentRound
from .support import ACCESS_NEEDS, SUPPORT_NEEDS, AccessRecord, AccessViewLog, ExpenseClaim, TrainingRecord
from .terms import GroundRule, TermsClause, TermsVersion

__all__ = [
    "ACCESS_NEEDS",
    "SUPPORT_NEEDS",
    "AccessRecord",
    "AccessViewLog",
    "Applicant",
    "ExpenseClaim",
    "GroundRule",
    "Group",
    "GroupQuerySet",
    "Membership",
    "MembershipQuerySet",
    "Person",
    "RecruitmentRound",
    "TermsClause",
    "TermsVersion",
    "TrainingRecord",
]
