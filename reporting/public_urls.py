"""Public addresses (no sign-in): the emailed equality monitoring form."""

from django.urls import path

from . import public_views

app_name = "reporting_public"
urlpatterns = [
    path("r/monitoring/<str:token>/", public_views.monitoring_answer, name="monitoring_answer"),
]
