"""Public addresses (no sign-in): the questionnaire emailed to residents (tokens never logged)."""

from django.urls import path

from . import public_views

app_name = "outcomes_public"
urlpatterns = [
    path("r/questionnaire/thanks/", public_views.thanks, name="thanks"),
    path("r/questionnaire/<str:token>/", public_views.questionnaire_answer, name="questionnaire"),
]
