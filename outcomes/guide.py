"""The guide's example outcome questionnaires ("Measuring outcomes"), in its own words.

The guide writes "West Berkshire Council" and "West Berkshire": here they are {council} and
{area}, filled in with the organisation's name when a questionnaire is made."""

from django.utils.translation import gettext_lazy as _

INTRODUCTION = _("Please indicate whether you agree or disagree with the following statements:")

RESIDENTS = "residents"
COUNCIL = "council"
BOTH = "both"

# (key, outcome number, audience, statement). The key lets a start and an end questionnaire
# be compared statement by statement even when a project rewords a statement.
STATEMENTS = [
    ("influence", 1, BOTH, _("I have been able to influence the work of this project.")),
    ("heard", 1, BOTH, _("My views and ideas were heard and considered.")),
    ("worthwhile", 1, BOTH, _("Being part of this project has been a worthwhile use of my time.")),
    ("more_work", 2, BOTH, _("I would like to be part of more co-produced work with {council}.")),
    ("more_services", 2, BOTH, _("I think more services in {area} should be co-produced.")),
    (
        "confidence",
        4,
        RESIDENTS,
        _("I am confident about working in partnership with {council} staff and councillors"),
    ),
    ("confidence", 4, COUNCIL, _("I am confident about working in partnership with {area} residents")),
]

# The five points of the scale, from 1 to 5, as the guide labels them.
SCALE = [
    (1, _("Disagree strongly")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Agree strongly")),
]
PREFER_NOT_TO_SAY = (0, _("Prefer not to say"))
# The scale's words alone, for a chart's key.
SCALE_LABELS = [label for _value, label in SCALE]


def words_for(organisation):
    """{council} and {area} for an organisation: "West Berkshire Council" and "West Berkshire"."""
    council = organisation.name
    area = council.removesuffix(" Council").removesuffix(" council").strip() or council
    return {"council": council, "area": area}
