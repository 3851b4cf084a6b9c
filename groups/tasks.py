import datetime as dt
import logging

from django.utils import timezone

from organisations.models import Organisation

from .models import Person
from .services import person_erase

logger = logging.getLogger(__name__)

# At most this many people are erased per organisation per run; the next day's run goes on.
BATCH = 500


def months_before(day, months):
    """The same day ``months`` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (next_month - dt.timedelta(days=1)).day))


def personal_data_retention():
    """Erase the personal data of people whose every group's project ended more than the
    organisation's retention period ago (Organisation.retention_months). The rows stay, so
    counts of members, applicants, attendance and answers stay right."""
    today = timezone.localdate()
    for organisation in Organisation.objects.only("pk", "retention_months"):
        ended_before = months_before(today, organisation.retention_months)
        people = Person.objects.filter(organisation=organisation).past_retention(ended_before=ended_before)
        erased = 0
        for person in people.order_by("pk")[:BATCH]:
            person_erase(person=person)
            erased += 1
        if erased:
            logger.info("Retention: erased %s people of organisation %s", erased, organisation.pk)
