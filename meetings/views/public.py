"""Members' secret links (no sign-in): their calendar feed and the group's papers."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from outbox.rendering import absolute_url

from ..calendar import calendar_bytes
from ..models import Meeting, Paper
from ..services import member_links_renew
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


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def links(request, token):
    """A member's own page for their links: the calendar address to subscribe to, and, if a
    link has reached someone else, a new set. The new links go to the member's email address,
    never onto this page: whoever holds the old link must not get the new one."""
    link = member_link_for(token)
    group = link.group
    context = {"group": group, "organisation": group.project.organisation, "contact": group.reply_to_address}
    if request.method == "POST":
        member_links_renew(group=group, person=link.person)
        return render(request, "meetings/public/links_renewed.html", context)
    context["calendar_url"] = absolute_url(reverse("meetings_public:calendar", args=[token]))
    return render(request, "meetings/public/links.html", context)
