from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("<int:project_pk>/reflection/", views.overview, name="overview"),
    path("<int:project_pk>/reflection/<int:group_pk>/set-up/", views.setup, name="setup"),
    path("<int:project_pk>/reflection/<int:group_pk>/dashboard/", views.dashboard_view, name="dashboard"),
    path("<int:project_pk>/reflection/<int:group_pk>/present/", views.present, name="present"),
    path("<int:project_pk>/reflection/<int:group_pk>/rounds/<int:round_pk>/", views.round_detail, name="round"),
    path("<int:project_pk>/reflection/<int:group_pk>/rounds/<int:round_pk>/open/", views.round_open, name="round_open"),
    path(
        "<int:project_pk>/reflection/<int:group_pk>/rounds/<int:round_pk>/close/", views.round_close, name="round_close"
    ),
    path(
        "<int:project_pk>/reflection/<int:group_pk>/rounds/<int:round_pk>/we-did/new/",
        views.we_did_create,
        name="we_did_create",
    ),
    path("<int:project_pk>/reflection/<int:group_pk>/we-did/<int:pk>/", views.we_did_edit, name="we_did_edit"),
]
