"""Links emailed to group members: /r/calendar/<token>/ and /r/papers/<token>/<paper>/."""

from django.urls import path

from .views import resident

app_name = "meetings_resident"
urlpatterns = [
    path("calendar/<str:token>/", resident.calendar_feed, name="calendar"),
    path("papers/<str:token>/<int:paper_pk>/", resident.paper, name="paper"),
]
