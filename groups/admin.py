from django.contrib import admin

from .models import AccessViewLog, Applicant, Group, Membership, Person, RecruitmentRound, TermsVersion


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "kind"]
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "preferred_contact"]
    search_fields = ["name", "email"]


@admin.register(RecruitmentRound)
class RecruitmentRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "slug", "is_open", "closes_on"]


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ["person", "round", "status", "reason"]
    list_filter = ["status", "reason"]
    exclude = ["application_token_hash"]


@admin.register(AccessViewLog)
class AccessViewLogAdmin(admin.ModelAdmin):
    list_display = ["viewed_at", "viewer", "person", "group", "where"]
    readonly_fields = [f.name for f in AccessViewLog._meta.fields]


@admin.register(TermsVersion)
class TermsVersionAdmin(admin.ModelAdmin):
    list_display = ["group", "number", "status", "meeting"]
