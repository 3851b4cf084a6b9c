"""The guide's words for groups: the terms-of-reference template and its default texts.

Where the guide gives the words (agenda and papers, confidentiality, decision making,
accessibility, membership) they are used as written; {council} is the organisation's name.
The other clauses use the guide's own descriptions of what the clause is for."""

from django.utils.translation import gettext_lazy as _

# The guide: discuss at the first meeting, present a draft at the second, agree at the third.
SUGGESTED_MEETING = {"discussed": 1, "draft": 2, "agreed": 3}

# (key, heading, default text)
TOR_CLAUSES = [
    (
        "purpose",
        _("Purpose and aims"),
        _(
            "The aim of co-production is for residents and {council} to work together in equal partnerships "
            "to design and deliver better services.\n\nThe aim of this project is: {aim}"
        ),
    ),
    (
        "membership",
        _("Membership"),
        _(
            "It is best to aim for equal numbers of Council people (staff and councillors) and residents "
            "(people who draw on services, carers, community organisations).\n\nFor residents it is "
            "recommended that there is an open and transparent selection process."
        ),
    ),
    (
        "success",
        _("What success looks like"),
        _(
            "Residents and communities have increased influence over the decisions and services that affect "
            "their lives.\n\nResidents and communities are more engaged in local decisions.\n\nResidents, "
            "council staff and councillors have the skills and knowledge they need to work together "
            "effectively.\n\nResidents, council staff and councillors are more confident about working "
            "together in equal partnerships.\n\nServices and decisions are improved because those affected by "
            "them have directly influenced their design and delivery."
        ),
    ),
    (
        "operation",
        _("How the group operates"),
        _(
            "All the dates of the meetings are planned in advance, so that they are in everyone's diaries.\n\n"
            "There is time at the end of meetings for people to say how the meeting went for them."
        ),
    ),
    (
        "roles",
        _("Roles and responsibilities"),
        _(
            "The group agrees a chair or co-chairs.\n\nThe Secretariat sends the agenda and papers and "
            "records the actions in the notes.\n\nAll members work together as equals."
        ),
    ),
    (
        "ground_rules",
        _("Ground rules"),
        _(
            "Ground rules are a simple guide to the value and behaviours expected of group members. They are "
            "agreed at the beginning of the first group meeting."
        ),
    ),
    (
        "agenda",
        _("Agenda and papers"),
        _(
            "The agenda and information for the Steering Group will normally be emailed or posted to members "
            "and those in attendance one week in advance of the meeting by the Secretariat.\n\nThe actions to "
            "be taken will be recorded in the notes which will be circulated to all members of the Group."
        ),
    ),
    (
        "confidentiality",
        _("Confidentiality"),
        _(
            "Group meetings and papers are not confidential.\n\nHowever, members of the group should respect "
            "individual and organisational confidentiality."
        ),
    ),
    (
        "decisions",
        _("Decision making"),
        _(
            "The Group is an advisory body – which will make recommendations to {council} and if appropriate "
            "other relevant organisations.\n\nThe Steering Group will aim to reach decisions by consensus."
        ),
    ),
    (
        "accessibility",
        _("Accessibility"),
        _(
            "Accessibility is an essential part of all co-production meetings. For some people if their access "
            "requirements are not meet, they simply will not be able to take part. Access maybe about the "
            "physical environment for example making sure that wheelchair users can access the room. Access can "
            "also be about the formats of meetings' documents, the language that is used, the timing of "
            "meetings and having adequate breaks. Planning for and anticipating the access needs of "
            "participants can save time and build trust."
        ),
    ),
]

# A starting list for the first meeting, from the three principles and the guide's words.
DEFAULT_GROUND_RULES = [
    _("Work together as equals and appreciate our diversity of experience and expertise."),
    _("Listen to each other and give everyone the chance to speak."),
    _("Respect individual and organisational confidentiality."),
    _("Be both brave and realistic."),
    _("Be proactive about making everything we do accessible to all."),
]


def tor_defaults(*, council, aim):
    return [(key, str(heading), str(text).format(council=council, aim=aim)) for key, heading, text in TOR_CLAUSES]
