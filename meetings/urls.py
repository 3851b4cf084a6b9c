from django.urls import path

from .views import agenda, events, logistics, planning, records

app_name = "meetings"

M = "<int:project_pk>/meetings/<int:pk>/"
urlpatterns = [
    path("<int:project_pk>/meetings/", planning.meeting_list, name="list"),
    path("<int:project_pk>/meetings/plan/", planning.series_plan, name="plan"),
    path("<int:project_pk>/meetings/new/", planning.meeting_create, name="create"),
    path("<int:project_pk>/meetings/groups/<int:group_pk>/settings/", planning.group_settings, name="group_settings"),
    path("<int:project_pk>/meetings/groups/<int:group_pk>/decisions/", records.decision_log, name="decision_log"),
    # A group's page (under the group's address) that needs the meetings and the access records.
    path("<int:project_pk>/groups/<int:pk>/logistics/", logistics.logistics, name="logistics"),
    path("<int:project_pk>/events/", events.event_list, name="event_list"),
    path("<int:project_pk>/events/new/", events.EventCreate.as_view(), name="event_create"),
    path("<int:project_pk>/events/<int:pk>/", events.EventEdit.as_view(), name="event_edit"),
    path("<int:project_pk>/events/<int:pk>/delete/", events.EventDelete.as_view(), name="event_delete"),
    path(M, planning.meeting_detail, name="detail"),
    path(M + "change/", planning.meeting_edit, name="edit"),
    path(M + "cancel/", planning.meeting_cancel, name="cancel"),
    path(M + "calendar.ics", planning.meeting_calendar, name="calendar"),
    path(M + "emails/<int:email_pk>/retry/", planning.email_retry, name="email_retry"),
    path(M + "post/<int:posting_pk>/posted/", planning.posting_done, name="posting_done"),
    path(M + "agenda/new/", agenda.item_create, name="item_create"),
    path(M + "agenda/<int:item_pk>/", agenda.item_edit, name="item_edit"),
    path(M + "agenda/<int:item_pk>/remove/", agenda.item_delete, name="item_delete"),
    path(M + "agenda/<int:item_pk>/move/<str:direction>/", agenda.item_move, name="item_move"),
    path(M + "agenda/<int:item_pk>/papers/new/", agenda.paper_create, name="paper_create"),
    path(M + "papers/<int:paper_pk>/", agenda.paper_download, name="paper"),
    path(M + "papers/<int:paper_pk>/remove/", agenda.paper_delete, name="paper_delete"),
    path(M + "agenda/print/", agenda.agenda_print, name="agenda_print"),
    path(M + "agenda.pdf", agenda.agenda_pdf, name="agenda_pdf"),
    path(M + "notes/", records.notes_edit, name="notes"),
    path(M + "notes/approve/", records.notes_approve, name="notes_approve"),
    path(M + "notes/print/", agenda.notes_print, name="notes_print"),
    path(M + "notes.pdf", agenda.notes_pdf, name="notes_pdf"),
    path(M + "attendance/", records.attendance, name="attendance"),
    path(M + "actions/new/", records.action_create, name="action_create"),
    path(M + "actions/<int:action_pk>/", records.action_edit, name="action_edit"),
    path(M + "decisions/new/", records.decision_create, name="decision_create"),
]
