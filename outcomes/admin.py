from django.contrib import admin

from .models import Questionnaire, Statement


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "point", "opens_on", "closes_on"]
    list_filter = ["point"]
    inlines = [StatementInline]


# Invitations and responses are deliberately not in the admin: only aggregates are shown.
