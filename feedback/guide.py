"""The guide's words for the reflective feedback tool: principles and default questions.

The principles and their descriptions are the guide's, word for word ("Principles of
co-production"); the questions are plain-English wordings written from them, which a group
may adjust when it sets the tool up."""

from django.utils.translation import gettext_lazy as _

# The guide's five-point scale is outcomes.guide.SCALE (one definition for both tools);
# these are its points that count as agreeing.
AGREE = (4, 5)

# key -> (name, the guide's description)
PRINCIPLES = {
    "equality": (
        _("Equality"),
        _("Working together as equals. Appreciating our diversity of experience and expertise."),
    ),
    "difference": (
        _("Making a difference"),
        _("Creating change and making West Berkshire better for everyone. Being both brave and realistic."),
    ),
    "inclusive": (
        _("Inclusive"),
        _(
            "Creating opportunities for everyone to get involved. "
            "Being proactive about making everything we do accessible to all."
        ),
    ),
}
PRINCIPLE_KEYS = list(PRINCIPLES)

# Open questions: the guide asks people to reflect on how the group is working, how they are
# working within the group, and how the group could work better.
OPEN_KEYS = ["group_working", "self_working", "better"]

DEFAULT_QUESTIONS = {
    "equality": _("In this group we work together as equals, and we value everyone's different experience and skills."),
    "difference": _("This group is making a real difference: we are brave, and we are realistic about what we can do."),
    "inclusive": _("This group gives everyone the chance to take part, and we make what we do accessible to everyone."),
    "group_working": _("How is the group working?"),
    "self_working": _("How are you working within the group?"),
    "better": _("How could the group work better? Tell us your suggestions."),
}

QUESTION_LABELS = {
    "equality": _("Equality statement"),
    "difference": _("Making a difference statement"),
    "inclusive": _("Inclusive statement"),
    "group_working": _("How the group is working"),
    "self_working": _("How I am working within the group"),
    "better": _("How the group could work better"),
}


def default_questions():
    return {key: str(text) for key, text in DEFAULT_QUESTIONS.items()}
