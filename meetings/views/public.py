"""Members' secret links (no sign-in): their calendar feed and the group's papers."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from ..calendar import calendar_bytes
from ..models import Meeting, Paper
from ..tokens import member_link_for
from .agenda import paper_response


@login_not_required
def calendar_feed(request, token):
    link = member_link_for(token)
    meetings = Meeting.objects.filter(group=link.group).select_related("group")
    response = HttpResponse(calendar_bytes(meetings, name=link.group.name), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
def paper(request, token, paper_pk):
    link = member_link_for(token)
    return paper_response(get_object_or_404(Paper, pk=paper_pk, item__meeting__group=link.group))
