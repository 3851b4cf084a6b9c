"""Links emailed to residents: /r/questionnaire/<token>/ (no sign-in; tokens never logged)."""

from django.urls import path

from . import respond

app_name = "respond"
urlpatterns = [
    path("thanks/", respond.thanks, name="thanks"),
    path("<str:token>/", respond.questionnaire_answer, name="questionnaire"),
]
