"""Public addresses (no sign-in): a member's emailed calendar feed and the group's papers."""

from django.urls import path

from .views import public

app_name = "meetings_public"
urlpatterns = [
    path("r/calendar/<str:token>/", public.calendar_feed, name="calendar"),
    path("r/links/<str:token>/", public.links, name="links"),
    path("r/papers/<str:token>/<int:paper_pk>/", public.paper, name="paper"),
]
