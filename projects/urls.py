from django.urls import path

from . import views
from .views import plan

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/stage/", views.project_advance, name="advance"),
    path("<int:pk>/stages/<int:record_pk>/", plan.StageRecordEdit.as_view(), name="stage_edit"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/add/", views.team_add, name="team_add"),
    path("<int:pk>/team/<int:role_pk>/remove/", views.team_remove, name="team_remove"),
    path("<int:pk>/outcomes/new/", plan.OutcomeAdd.as_view(), name="outcome_add"),
    path("<int:pk>/outcomes/<int:outcome_pk>/edit/", plan.OutcomeEdit.as_view(), name="outcome_edit"),
    path("<int:pk>/outcomes/<int:outcome_pk>/remove/", plan.OutcomeRemove.as_view(), name="outcome_delete"),
    path("<int:pk>/outcomes/<int:outcome_pk>/move/", plan.OutcomeMove.as_view(), name="outcome_move"),
    path("<int:pk>/outcomes/<int:outcome_pk>/measures/new/", plan.MeasureAdd.as_view(), name="measure_add"),
    path("<int:pk>/measures/<int:measure_pk>/edit/", plan.MeasureEdit.as_view(), name="measure_edit"),
    path("<int:pk>/measures/<int:measure_pk>/remove/", plan.MeasureRemove.as_view(), name="measure_delete"),
    path("<int:pk>/measures/<int:measure_pk>/move/", plan.MeasureMove.as_view(), name="measure_move"),
    path("<int:pk>/objectives/new/", plan.ObjectiveAdd.as_view(), name="objective_add"),
    path("<int:pk>/objectives/<int:objective_pk>/edit/", plan.ObjectiveEdit.as_view(), name="objective_edit"),
    path("<int:pk>/objectives/<int:objective_pk>/remove/", plan.ObjectiveRemove.as_view(), name="objective_delete"),
    path("<int:pk>/objectives/<int:objective_pk>/move/", plan.ObjectiveMove.as_view(), name="objective_move"),
    path("<int:pk>/activities/new/", plan.ActivityAdd.as_view(), name="activity_add"),
    path("<int:pk>/activities/<int:activity_pk>/edit/", plan.ActivityEdit.as_view(), name="activity_edit"),
    path("<int:pk>/activities/<int:activity_pk>/remove/", plan.ActivityRemove.as_view(), name="activity_delete"),
    path("<int:pk>/activities/<int:activity_pk>/move/", plan.ActivityMove.as_view(), name="activity_move"),
]
