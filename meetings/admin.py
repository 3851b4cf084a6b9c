from django.contrib import admin

from .models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Event,
    EventAttendance,
    Meeting,
    MeetingSeries,
    MeetingSettings,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "minutes", "lead"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "starts_at", "status", "pack_due_at", "pack_sent_at"]
    list_filter = ["status"]
    inlines = [AgendaItemInline]


class EventAttendanceInline(admin.TabularInline):
    model = EventAttendance
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "kind", "date", "other_attendees"]
    list_filter = ["kind"]
    inlines = [EventAttendanceInline]


admin.site.register([MeetingSeries, MeetingSettings, Attendance, Action, Decision])
