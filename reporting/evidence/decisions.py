"""Decisions for the reports."""

from django.db.models import Count, Q

from meetings.models import Decision


def decisions_list(project):
    return list(
        Decision.objects.filter(meeting__group__project=project)
        .select_related("meeting__group")
        .order_by("meeting__starts_at", "pk")
    )


def decisions_counts(projects):
    return Decision.objects.filter(meeting__group__project__in=projects).aggregate(
        total=Count("pk"),
        consensus=Count("pk", filter=Q(method=Decision.Method.CONSENSUS)),
        vote=Count("pk", filter=Q(method=Decision.Method.VOTE)),
        recommendations=Count("pk", filter=Q(recommendation=True)),
        projects=Count("meeting__group__project", distinct=True),
    )
