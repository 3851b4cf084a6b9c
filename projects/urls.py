from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/stage/", views.project_advance, name="advance"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/add/", views.team_add, name="team_add"),
    path("<int:pk>/team/<int:role_pk>/remove/", views.team_remove, name="team_remove"),
    path("<int:pk>/outcomes/new/", views.outcome_add, name="outcome_add"),
    path("<int:pk>/outcomes/<int:outcome_pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("<int:pk>/outcomes/<int:outcome_pk>/remove/", views.outcome_delete, name="outcome_delete"),
    path("<int:pk>/outcomes/<int:outcome_pk>/move/", views.outcome_move, name="outcome_move"),
    path("<int:pk>/outcomes/<int:outcome_pk>/measures/new/", views.measure_add, name="measure_add"),
    path("<int:pk>/measures/<int:measure_pk>/edit/", views.measure_edit, name="measure_edit"),
    path("<int:pk>/measures/<int:measure_pk>/remove/", views.measure_delete, name="measure_delete"),
    path("<int:pk>/measures/<int:measure_pk>/move/", views.measure_move, name="measure_move"),
    path("<int:pk>/objectives/new/", views.objective_add, name="objective_add"),
    path("<int:pk>/objectives/<int:objective_pk>/edit/", views.objective_edit, name="objective_edit"),
    path("<int:pk>/objectives/<int:objective_pk>/remove/", views.objective_delete, name="objective_delete"),
    path("<int:pk>/objectives/<int:objective_pk>/move/", views.objective_move, name="objective_move"),
    path("<int:pk>/activities/new/", views.activity_add, name="activity_add"),
    path("<int:pk>/activities/<int:activity_pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/activities/<int:activity_pk>/remove/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/activities/<int:activity_pk>/move/", views.activity_move, name="activity_move"),
]
