from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("settings/", views.organisation_settings, name="settings"),
    path("<int:pk>/logo/", views.organisation_logo, name="logo"),
    path("staff/", views.staff, name="staff"),
    path("staff/invite/", views.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/role/", views.staff_role, name="staff_role"),
    path("staff/<int:pk>/reinvite/", views.staff_reinvite, name="staff_reinvite"),
]
