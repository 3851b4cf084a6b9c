from django.contrib import admin

from .models import Indicator, IndicatorReading, MonitoringArea, PopulationShare, ReportExport


class ReadingInline(admin.TabularInline):
    model = IndicatorReading
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "unit", "direction", "baseline", "target"]
    list_filter = ["project__organisation"]
    search_fields = ["name", "project__title"]
    inlines = [ReadingInline]


@admin.register(MonitoringArea)
class MonitoringAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "position"]
    list_filter = ["organisation"]


@admin.register(PopulationShare)
class PopulationShareAdmin(admin.ModelAdmin):
    list_display = ["organisation", "category", "option", "percent"]
    list_filter = ["organisation", "category"]


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["pk", "organisation", "requested_by", "scope", "status", "created_at", "finished_at"]
    list_filter = ["status", "scope", "organisation"]
    readonly_fields = ["file", "error", "data_as_of", "started_at", "finished_at"]
