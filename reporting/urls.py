from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("csv/", views.dashboard_csv, name="dashboard_csv"),
    path("population/", views.population, name="population"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/new/", views.export_create, name="export_create"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("projects/<int:pk>/", views.project_report_page, name="project_report"),
    path("projects/<int:pk>/csv/", views.project_report_csv, name="project_report_csv"),
    path("projects/<int:pk>/monitoring/", views.monitoring, name="monitoring"),
    path("projects/<int:pk>/indicators/", views.indicator_list, name="indicator_list"),
    path("projects/<int:pk>/indicators/new/", views.IndicatorCreate.as_view(), name="indicator_create"),
    path("projects/<int:pk>/indicators/<int:indicator_pk>/", views.indicator_detail, name="indicator_detail"),
    path("projects/<int:pk>/indicators/<int:indicator_pk>/edit/", views.IndicatorEdit.as_view(), name="indicator_edit"),
    path(
        "projects/<int:pk>/indicators/<int:indicator_pk>/delete/",
        views.IndicatorDelete.as_view(),
        name="indicator_delete",
    ),
    path(
        "projects/<int:pk>/indicators/<int:indicator_pk>/readings/new/",
        views.ReadingCreate.as_view(),
        name="reading_create",
    ),
    path(
        "projects/<int:pk>/indicators/<int:indicator_pk>/readings/<int:reading_pk>/edit/",
        views.ReadingEdit.as_view(),
        name="reading_edit",
    ),
    path(
        "projects/<int:pk>/indicators/<int:indicator_pk>/readings/<int:reading_pk>/delete/",
        views.ReadingDelete.as_view(),
        name="reading_delete",
    ),
]
