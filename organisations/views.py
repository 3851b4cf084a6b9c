from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from projects.models import Project


def home(request):
    projects = Project.objects.visible_to(request.user).with_progress().select_related("organisation")
    return render(
        request,
        "organisations/home.html",
        {"projects": projects, "sees_all": request.user.sees_all_projects},
    )


@login_not_required
@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
def accessibility(request):
    return render(request, "organisations/accessibility.html")


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
