from django.contrib import admin
from django.urls import include, path

from organisations import views as organisation_views
from projects import views as project_views

urlpatterns = [
    path("", project_views.home, name="home"),
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
    # Pages for residents and members without an account (no sign-in). Each app keeps them
    # in <app>/public_urls.py (namespace "<app>_public"), written from the site root: the
    # flyer's /join/<slug>/ and the emailed links under /r/.
    path("", include("groups.public_urls")),
    path("", include("meetings.public_urls")),
    path("", include("outcomes.public_urls")),
    path("", include("feedback.public_urls")),
    path("", include("reporting.public_urls")),
]

handler404 = "organisations.errors.not_found"
handler500 = "organisations.errors.server_error"
