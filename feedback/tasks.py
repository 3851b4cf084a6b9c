from django.tasks import task

from . import services
from .models import ReflectionRound


def reflection_rounds_tick():
    """Plan, open (and email), close and reseal reflection rounds."""
    services.rounds_tick()


@task
def reflection_reseal(round_id):
    """Reseal an anonymous round's answers soon after one arrives, in a later transaction."""
    round = ReflectionRound.objects.filter(pk=round_id, needs_reseal=True).first()
    if round is not None:
        services.round_reseal(round=round)
