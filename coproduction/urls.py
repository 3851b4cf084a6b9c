from django.contrib import admin
from django.urls import include, path

from organisations import views as organisation_views
from reporting import urls as reporting_urls

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("healthz", organisation_views.healthz, name="healthz"),
    path("accessibility/", organisation_views.accessibility, name="accessibility"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("organisation/", include("organisations.urls")),
    path("projects/", include("projects.urls")),
    path("projects/", include("groups.urls")),
    path("projects/", include("meetings.urls")),
    path("projects/", include("outcomes.urls")),
    path("projects/", include("feedback.urls")),
    path("reports/", include("reporting.urls")),
    # Public recruitment pages and the emailed application link (no sign-in).
    path("", include("groups.public_urls")),
    # Emailed questionnaire links (no sign-in).
    path("r/questionnaire/", include("outcomes.resident_urls")),
    # Emailed reflection links and the meeting code page (no sign-in).
    path("r/", include("feedback.public_urls")),
    path("r/", include("meetings.resident_urls")),
    path("r/", include(reporting_urls.resident_urlpatterns)),
]

handler404 = "organisations.errors.not_found"
handler500 = "organisations.errors.server_error"
