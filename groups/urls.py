from django.urls import path

from .views import members, recruitment, support, terms

app_name = "groups"

G = "<int:project_pk>/groups/<int:pk>/"
M = G + "members/<int:membership_pk>/"
R = G + "recruitment/<int:round_pk>/"

urlpatterns = [
    path("<int:project_pk>/groups/", members.group_list, name="list"),
    path("<int:project_pk>/groups/new/", members.GroupCreate.as_view(), name="create"),
    path(G, members.group_detail, name="detail"),
    path(G + "edit/", members.GroupEdit.as_view(), name="edit"),
    path(G + "members/add/", members.member_add, name="member_add"),
    path(M, members.member_detail, name="member_detail"),
    path(M + "edit/", members.MemberEdit.as_view(), name="member_edit"),
    path(M + "access/", members.member_access, name="member_access"),
    path(G + "access-log/", members.access_log, name="access_log"),
    path(M + "erase/", members.member_erase, name="member_erase"),
    path(M + "training/new/", members.TrainingAdd.as_view(), name="training_add"),
    path(G + "expenses/", support.expenses, name="expenses"),
    path(G + "expenses/policy/", support.ExpensesPolicyEdit.as_view(), name="expenses_policy"),
    path(G + "expenses/new/", support.ClaimAdd.as_view(), name="claim_add"),
    path(G + "expenses/<int:claim_pk>/status/", support.claim_status, name="claim_status"),
    path(G + "recruitment/new/", recruitment.round_create, name="round_create"),
    path(R, recruitment.round_detail, name="round_detail"),
    path(R + "edit/", recruitment.round_edit, name="round_edit"),
    path(R + "applicants/<int:applicant_pk>/", recruitment.applicant_detail, name="applicant_detail"),
    path(G + "terms/", terms.terms, name="terms"),
    path(G + "terms/new/", terms.terms_new, name="terms_new"),
    path(G + "terms/compare/", terms.terms_diff_view, name="terms_diff"),
    path(G + "terms/agreed.pdf", terms.terms_pdf, name="terms_pdf"),
    path(G + "terms/<int:number>/", terms.terms_version, name="terms_version"),
    path(G + "terms/<int:number>/print/", terms.terms_print, name="terms_print"),
    path(G + "ground-rules/", terms.ground_rules, name="ground_rules"),
]
