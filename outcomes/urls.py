from django.urls import path

from . import views

app_name = "outcomes"
urlpatterns = [
    path("<int:project_pk>/questionnaires/", views.questionnaire_list, name="list"),
    path("<int:project_pk>/questionnaires/new/", views.questionnaire_create, name="create"),
    path("<int:project_pk>/questionnaires/<int:pk>/", views.questionnaire_detail, name="detail"),
    path("<int:project_pk>/questionnaires/<int:pk>/edit/", views.questionnaire_edit, name="edit"),
    path("<int:project_pk>/questionnaires/<int:pk>/statements/new/", views.statement_add, name="statement_add"),
    path(
        "<int:project_pk>/questionnaires/<int:pk>/statements/<int:statement_pk>/",
        views.statement_edit,
        name="statement_edit",
    ),
    path(
        "<int:project_pk>/questionnaires/<int:pk>/statements/<int:statement_pk>/remove/",
        views.statement_remove,
        name="statement_remove",
    ),
    path("<int:project_pk>/questionnaires/<int:pk>/invite/", views.invite, name="invite"),
    path("<int:project_pk>/questionnaires/<int:pk>/remind/", views.remind, name="remind"),
    path("<int:project_pk>/questionnaires/<int:pk>/close/", views.close, name="close"),
    path("<int:project_pk>/questionnaires/<int:pk>/paper/", views.paper_entry, name="paper"),
    path("<int:project_pk>/questionnaires/<int:pk>/results/", views.results, name="results"),
    path("<int:project_pk>/questionnaires/<int:pk>/responses.csv", views.responses_csv, name="csv"),
]
