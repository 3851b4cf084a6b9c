from core import anonymity

from . import services
from .models import ReflectionInvitation


def reflection_rounds_tick():
    """Plan, open (and email) and close reflection rounds."""
    services.rounds_tick()


def reflection_answers_reseal():
    """Reseal the answers and answered invitations of every round answered since its last
    reseal, then VACUUM their tables (see core.anonymity)."""
    anonymity.invitations_reseal(ReflectionInvitation)
