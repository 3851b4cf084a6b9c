from django.contrib import admin

from .models import ReflectionRound, ReflectionSetup, WeDid


@admin.register(ReflectionSetup)
class ReflectionSetupAdmin(admin.ModelAdmin):
    list_display = ["group", "frequency", "anonymous", "starts_on"]
    list_select_related = ["group"]


@admin.register(ReflectionRound)
class ReflectionRoundAdmin(admin.ModelAdmin):
    # Answers and invitations are deliberately not in the admin: they are only ever shown in aggregate.
    list_display = ["group", "date", "status", "anonymous"]
    list_filter = ["status"]
    list_select_related = ["group"]
    exclude = ["code"]


@admin.register(WeDid)
class WeDidAdmin(admin.ModelAdmin):
    list_display = ["you_said", "round"]
    list_select_related = ["round__group"]
