from django.contrib import admin

from .models import Activity, Measure, Objective, Outcome, Project, ProjectRole, StageRecord


class ProjectRoleInline(admin.TabularInline):
    model = ProjectRole
    extra = 0


class StageRecordInline(admin.TabularInline):
    model = StageRecord
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "service_area", "stage", "start_date"]
    list_filter = ["organisation", "stage"]
    search_fields = ["title"]
    inlines = [ProjectRoleInline, StageRecordInline]


admin.site.register([Outcome, Measure, Objective, Activity])
