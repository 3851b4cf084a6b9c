from django.contrib import admin

from .models import Action, AgendaItem, Attendance, Decision, Meeting, MeetingSeries, MeetingSettings


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "minutes", "lead"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "starts_at", "status", "pack_due_at", "pack_sent_at"]
    list_filter = ["status"]
    inlines = [AgendaItemInline]


admin.site.register([MeetingSeries, MeetingSettings, Attendance, Action, Decision])
