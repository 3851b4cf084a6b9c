"""Meeting logistics: for each upcoming meeting of a group, who needs what.

It lives with meetings because it needs both the meetings and the members' access records;
the page stays under the group's address."""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import services as group_services
from groups.models import Person
from groups.permissions import group_for_access
from groups.views.common import group_context

from ..models import Meeting

UPCOMING_MEETINGS_SHOWN = 6

# A person's preferred format for papers, and the access requirement that asks for the same.
PAPER_FORMAT_NEEDS = {
    Person.Format.LARGE_PRINT: "large_print",
    Person.Format.EASY_READ: "easy_read",
    Person.Format.AUDIO: "audio",
    Person.Format.PAPER: "paper_by_post",
}


def _member_needs(membership, first_meeting):
    """What one member needs for a meeting, in words the secretariat can act on."""
    needs = []
    person = membership.person
    record = getattr(membership, "access", None)
    if record is None or not record.consent_given:
        record = None
    # The preferred format and the access record often say the same thing: say it once.
    format_field = PAPER_FORMAT_NEEDS.get(person.preferred_format)
    if format_field and not (record is not None and getattr(record, format_field)):
        needs.append(_("Papers: %(format)s") % {"format": person.get_preferred_format_display()})
    if record is not None:
        needs.extend(record.needs())
    if first_meeting and not membership.first_call_done:
        needs.append(_("A call before the first meeting (not done yet)"))
    return needs


def logistics(request, project_pk, pk):
    """For each upcoming meeting: who needs what, so the secretariat can act on it."""
    group = group_for_access(request.user, project_pk, pk)
    today = timezone.localdate()
    meetings = list(
        Meeting.objects.filter(group=group, status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )[:UPCOMING_MEETINGS_SHOWN]
    )
    first_meeting_pk = Meeting.objects.filter(group=group).order_by("starts_at").values_list("pk", flat=True).first()
    memberships = list(
        group.memberships.filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .select_related("person", "access")
        .order_by("person__name")
    )
    plans, shown = [], set()
    for meeting in meetings:
        on = timezone.localtime(meeting.starts_at).date()
        rows = []
        for membership in memberships:
            if membership.joined_on > on or (membership.left_on and membership.left_on < on):
                continue
            needs = _member_needs(membership, meeting.pk == first_meeting_pk)
            if needs:
                rows.append((membership, needs))
                shown.add(membership.person)
        plans.append((meeting, rows))
    group_services.access_views_log(
        viewer=request.user, group=group, people=sorted(shown, key=lambda p: p.pk), where="logistics"
    )
    return render(
        request,
        "groups/logistics.html",
        group_context(group, (_("Meeting logistics"), None), plans=plans),
    )
