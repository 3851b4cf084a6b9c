from core import anonymity

from . import services
from .models import Invitation


def questionnaires_reseal():
    """Reseal the answers and answered invitations of every questionnaire answered since its
    last reseal, then VACUUM their tables (see core.anonymity). A periodic job, never a task
    queued by a submit: a task row's times would carry the submit's transaction id."""
    anonymity.invitations_reseal(Invitation)


def questionnaire_reminders():
    """Automatic reminders, only to people who have not answered, up to the set number."""
    services.reminders_due()


def questionnaires_tally():
    """Count each newly closed questionnaire's answers once, for the reports (see StatementTally)."""
    services.questionnaires_tally()
