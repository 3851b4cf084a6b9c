"""Public addresses (no sign-in): the recruitment flyer and the emailed application link."""

from django.urls import path

from .views import public

app_name = "groups_public"
urlpatterns = [
    path("join/<slug:slug>/", public.join, name="join"),
    path("r/apply/<str:token>/", public.apply, name="apply"),
]
