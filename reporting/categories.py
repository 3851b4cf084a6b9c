"""The equality-monitoring questions: standard UK categories, each with "Prefer not to say".

Ethnicity uses the ONS 2021 Census high-level groups for England and Wales. Every category
is optional; an unanswered question is stored as "" and reported as "Not answered"."""

from django.utils.translation import gettext_lazy as _

PREFER_NOT = "prefer_not"
NOT_ANSWERED = ""

AGE_BANDS = [
    ("under_18", _("Under 18")),
    ("18_24", _("18 to 24")),
    ("25_34", _("25 to 34")),
    ("35_44", _("35 to 44")),
    ("45_54", _("45 to 54")),
    ("55_64", _("55 to 64")),
    ("65_74", _("65 to 74")),
    ("75_plus", _("75 or over")),
]
SEXES = [("female", _("Female")), ("male", _("Male"))]
GENDER_SAME = [
    ("yes", _("Yes")),
    ("no", _("No")),
]
ETHNICITIES = [
    ("asian", _("Asian, Asian British or Asian Welsh")),
    ("black", _("Black, Black British, Black Welsh, Caribbean or African")),
    ("mixed", _("Mixed or Multiple ethnic groups")),
    ("white", _("White")),
    ("other", _("Other ethnic group")),
]
DISABILITY = [
    ("yes_a_lot", _("Yes, limited a lot")),
    ("yes_a_little", _("Yes, limited a little")),
    ("no", _("No")),
]
CARER = [("yes", _("Yes")), ("no", _("No"))]
# Used when the organisation has not listed its own areas.
DEFAULT_AREAS = [
    ("town", _("In a town")),
    ("village", _("In a village or the countryside")),
    ("outside", _("Outside the council's area")),
]

PREFER_NOT_CHOICE = (PREFER_NOT, _("Prefer not to say"))

# (field on MonitoringResponse, question, options without "Prefer not to say")
CATEGORIES = [
    ("age_band", _("What is your age?"), AGE_BANDS),
    ("sex", _("What is your sex?"), SEXES),
    ("gender_same", _("Is the gender you identify with the same as your sex registered at birth?"), GENDER_SAME),
    ("ethnicity", _("What is your ethnic group?"), ETHNICITIES),
    (
        "disability",
        _(
            "Do you have any physical or mental health conditions or illnesses lasting or expected to last "
            "12 months or more that reduce your ability to carry out day-to-day activities?"
        ),
        DISABILITY,
    ),
    (
        "carer",
        _(
            "Do you look after, or give any help or support to, anyone because they have long-term physical "
            "or mental health conditions or illnesses, or problems related to old age?"
        ),
        CARER,
    ),
    ("area", _("Where do you live?"), DEFAULT_AREAS),
]

# Short names for reports and the population profile.
CATEGORY_LABELS = {
    "age_band": _("Age"),
    "sex": _("Sex"),
    "gender_same": _("Gender identity same as sex registered at birth"),
    "ethnicity": _("Ethnic group"),
    "disability": _("Disability"),
    "carer": _("Caring responsibility"),
    "area": _("Area"),
}
CATEGORY_FIELDS = [field for field, _question, _options in CATEGORIES]


def options_for(field, areas=None):
    """The options of a category, without "Prefer not to say". ``areas`` is the organisation's
    own list of (key, label) areas, which replaces the default short list when given."""
    if field == "area" and areas:
        return list(areas)
    for name, _question, options in CATEGORIES:
        if name == field:
            return list(options)
    raise KeyError(field)
