from core import anonymity
from outbox.registry import periodic

from . import services
from .models import ReflectionInvitation


@periodic(minutes=10)
def reflection_rounds_tick():
    """Plan, open (and email) and close reflection rounds."""
    services.rounds_tick()


@periodic(minutes=anonymity.RESEAL_MINUTES)
def reflection_answers_reseal():
    """Reseal the answers and answered invitations of every round answered since its last
    reseal, then VACUUM their tables (see core.anonymity)."""
    anonymity.invitations_reseal(ReflectionInvitation)
