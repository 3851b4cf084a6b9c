"""Links for members without an account, mounted at /r/ (see coproduction/urls.py)."""

from django.urls import path

from . import public_views

app_name = "feedback_public"
urlpatterns = [
    path("reflect/", public_views.code_enter, name="code"),
    path("reflect/answer/", public_views.code_answer, name="code_answer"),
    path("reflection/<str:token>/", public_views.answer, name="answer"),
]
