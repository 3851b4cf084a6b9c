"""The council's co-production guide, in its own words: the template every project starts from."""

from django.utils.translation import gettext_lazy as _

# The guide's words to replace: an aim still holding them says nothing about the project.
AIM_PLACEHOLDER = _("[say what the project will do]")
AIM_PATTERN = _("For residents and {council} to work together in equal partnership to [say what the project will do].")

# (number, title, measures: (kind, description, how collected, when collected))
COPRODUCTION_OUTCOMES = [
    (
        1,
        _(
            "Residents and communities have increased influence over the decisions and services that affect their lives."
        ),
        [
            (
                "statement",
                _("I have been able to influence the work of this project."),
                _("Anonymous outcome questionnaire"),
                _("At or near the end of the project"),
            ),
            (
                "statement",
                _("My views and ideas were heard and considered."),
                _("Anonymous outcome questionnaire"),
                _("At or near the end of the project"),
            ),
            (
                "statement",
                _("Being part of this project has been a worthwhile use of my time."),
                _("Anonymous outcome questionnaire"),
                _("At or near the end of the project"),
            ),
            (
                "reflection",
                _("Whether everyone has been able to contribute and been listened to"),
                _("Reflective feedback tool and review of meeting notes and decisions"),
                _("As you go along"),
            ),
        ],
    ),
    (
        2,
        _("Residents and communities are more engaged in local decisions."),
        [
            (
                "count",
                _("Number of people taking part, the ways they were involved and their length of engagement"),
                _("Membership and attendance records"),
                _("Throughout the project"),
            ),
            (
                "count",
                _("Number of people who expressed an interest but were not able to take part"),
                _("Recruitment records"),
                _("During recruitment"),
            ),
            (
                "statement",
                _("I would like to be part of more co-produced work with {council}."),
                _("Anonymous outcome questionnaire"),
                _("At or near the end of the project"),
            ),
            (
                "statement",
                _("I think more services in {area} should be co-produced."),
                _("Anonymous outcome questionnaire"),
                _("At or near the end of the project"),
            ),
        ],
    ),
    (
        3,
        _(
            "Residents, council staff and councillors have the skills and knowledge they need to work together effectively."
        ),
        [
            (
                "training",
                _("Who has had training in co-production, formal or informal"),
                _("Training records"),
                _("Throughout the project"),
            ),
            ("reflection", _("How the group is working together"), _("Reflective feedback tool"), _("Periodically")),
        ],
    ),
    (
        4,
        _("Residents, council staff and councillors are more confident about working together in equal partnerships."),
        [
            (
                "statement",
                _("I am confident about working in partnership with council staff and councillors / with residents"),
                _(
                    "Anonymous outcome questionnaire, one version for residents and one for council staff and councillors"
                ),
                _("At the end, and optionally at the start"),
            ),
        ],
    ),
]

SERVICE_OUTCOME = _(
    "Services and decisions are improved because those affected by them have directly influenced their design and delivery."
)
SERVICE_OUTCOME_HELP = _("Make this specific to the aim of your project. There could be more than one service outcome.")

STANDARD_OBJECTIVES = [
    _("Set up a steering group or coproduction group."),
    _("Agree support and expenses for members of the group."),
    _("Ensure all members of the group understand what co-production is and how it works."),
    _("Agree working principles for the co-production group."),
]
