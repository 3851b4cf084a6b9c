"""Public addresses (no sign-in): the emailed reflection link and the shared device at a meeting."""

from django.urls import path

from . import public_views

app_name = "feedback_public"
urlpatterns = [
    path("r/reflect/", public_views.code_enter, name="code"),
    path("r/reflect/answer/", public_views.code_answer, name="code_answer"),
    path("r/reflection/<str:token>/", public_views.answer, name="answer"),
]
