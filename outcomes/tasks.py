from django.tasks import task

from . import services
from .models import Questionnaire


@task
def questionnaire_reseal_task(questionnaire_id):
    """Queued a minute after the first submission since the last reseal."""
    return services.questionnaire_reseal(questionnaire_id=questionnaire_id)


def questionnaires_reseal():
    """The backstop for the task above: reseal anything still waiting."""
    for questionnaire_id in Questionnaire.objects.filter(reseal_due=True).values_list("pk", flat=True):
        services.questionnaire_reseal(questionnaire_id=questionnaire_id)


def questionnaire_reminders():
    """Automatic reminders, only to people who have not answered, up to the set number."""
    services.reminders_due()


def questionnaires_tally():
    """Count each newly closed questionnaire's answers once, for the reports (see StatementTally)."""
    services.questionnaires_tally()
