"""Public addresses (no sign-in): the questionnaire emailed to residents (tokens never logged)."""

from django.urls import path

from . import respond

app_name = "outcomes_public"
urlpatterns = [
    path("r/questionnaire/thanks/", respond.thanks, name="thanks"),
    path("r/questionnaire/<str:token>/", respond.questionnaire_answer, name="questionnaire"),
]
