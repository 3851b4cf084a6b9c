from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.pdf import pdf_render

from .. import services
from ..diff import terms_diff
from ..forms import GroundRulesForm, TermsDiffForm, TermsVersionForm
from ..guide import DEFAULT_GROUND_RULES, tor_defaults
from ..models import TermsVersion
from ..permissions import can_manage_group, group_for_editing, group_for_viewing
from .common import group_context

NEXT_STATUS = {
    None: TermsVersion.Status.DISCUSSED,
    TermsVersion.Status.DISCUSSED: TermsVersion.Status.DRAFT,
    TermsVersion.Status.DRAFT: TermsVersion.Status.AGREED,
    TermsVersion.Status.AGREED: TermsVersion.Status.DRAFT,
}


def _terms_crumb(group):
    return (_("Terms of reference"), reverse("groups:terms", args=[group.project_id, group.pk]))


def terms(request, project_pk, pk):
    group = group_for_viewing(request.user, project_pk, pk)
    versions = group.terms_versions.select_related("meeting", "created_by")
    latest = versions.first()
    numbers = [v.number for v in versions]
    diff_form = TermsDiffForm(numbers=numbers, initial={"old": numbers[1] if len(numbers) > 1 else None})
    return render(
        request,
        "groups/terms.html",
        group_context(
            group,
            (_("Terms of reference"), None),
            versions=versions,
            latest=latest,
            clauses=latest.clauses.all() if latest else [],
            agreed=group.terms_versions.agreed().first(),
            diff_form=diff_form if len(numbers) > 1 else None,
            can_manage=can_manage_group(request.user, group),
        ),
    )


def terms_new(request, project_pk, pk):
    group = group_for_editing(request.user, project_pk, pk)
    latest = group.terms_versions.first()
    if latest:
        clauses = [(c.key, c.heading, c.text) for c in latest.clauses.all()]
    else:
        clauses = tor_defaults(council=group.project.organisation.name, aim=group.project.aim)
    status = NEXT_STATUS[latest.status if latest else None]
    form = TermsVersionForm(
        request.POST or None,
        group=group,
        clauses=clauses,
        initial={"status": status, "meeting": TermsVersionForm.suggested_meeting(group, status)},
    )
    if request.method == "POST" and form.is_valid():
        version = services.terms_version_create(
            group=group,
            status=form.cleaned_data["status"],
            meeting=form.cleaned_data["meeting"],
            note=form.cleaned_data["note"],
            clauses=form.clauses(),
            by=request.user,
        )
        messages.success(request, _("Version %(n)s saved.") % {"n": version.number})
        return redirect(version)
    return render(
        request,
        "groups/terms_new.html",
        group_context(group, _terms_crumb(group), (_("New version"), None), form=form, latest=latest),
    )


def _version(group, number):
    return get_object_or_404(group.terms_versions.select_related("meeting", "created_by"), number=number)


def terms_version(request, project_pk, pk, number):
    group = group_for_viewing(request.user, project_pk, pk)
    version = _version(group, number)
    return render(
        request,
        "groups/terms_version.html",
        group_context(
            group,
            _terms_crumb(group),
            (_("Version %(n)s") % {"n": version.number}, None),
            version=version,
            clauses=version.clauses.all(),
        ),
    )


def terms_diff_view(request, project_pk, pk):
    group = group_for_viewing(request.user, project_pk, pk)
    numbers = list(group.terms_versions.values_list("number", flat=True))
    form = TermsDiffForm(request.GET or None, numbers=numbers)
    old = new = changes = None
    if form.is_valid():
        old, new = _version(group, form.cleaned_data["old"]), _version(group, form.cleaned_data["new"])
        changes = terms_diff(old, new)
    return render(
        request,
        "groups/terms_diff.html",
        group_context(
            group, _terms_crumb(group), (_("Compare versions"), None), form=form, old=old, new=new, changes=changes
        ),
    )


def terms_print(request, project_pk, pk, number):
    group = group_for_viewing(request.user, project_pk, pk)
    version = _version(group, number)
    return render(
        request,
        "groups/terms_print.html",
        {
            "group": group,
            "project": group.project,
            "version": version,
            "clauses": version.clauses.all(),
            "ground_rules": group.ground_rules.all(),
        },
    )


def terms_pdf(request, project_pk, pk):
    group = group_for_viewing(request.user, project_pk, pk)
    version = group.terms_versions.agreed().select_related("meeting").first()
    if version is None:
        raise Http404
    pdf = pdf_render(
        "groups/pdf/terms.html",
        {
            "group": group,
            "organisation": group.project.organisation,
            "version": version,
            "clauses": version.clauses.all(),
            "ground_rules": group.ground_rules.all(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="terms-of-reference-{group.pk}-v{version.number}.pdf"'
    return response


def ground_rules(request, project_pk, pk):
    group = group_for_editing(request.user, project_pk, pk)
    rules = [rule.text for rule in group.ground_rules.all()] or [str(rule) for rule in DEFAULT_GROUND_RULES]
    first_meeting = group.meetings.order_by("starts_at").first()
    form = GroundRulesForm(
        request.POST or None,
        group=group,
        initial={
            "rules": "\n".join(rules),
            "agreed_on": group.ground_rules_agreed_on,
            "meeting": group.ground_rules_meeting or first_meeting,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.ground_rules_set(
            group=group,
            rules=form.cleaned_data["rules"],
            agreed_on=form.cleaned_data["agreed_on"],
            meeting=form.cleaned_data["meeting"],
        )
        messages.success(request, _("Ground rules saved."))
        return redirect(group)
    return render(
        request,
        "groups/form_page.html",
        group_context(
            group,
            (_("Ground rules"), None),
            form=form,
            title=_("Ground rules"),
            intro=_(
                "Ground rules are a useful way of building group safety and trust. Ground rules are a simple "
                "guide to the value and behaviours expected of group members. They should be agreed at the "
                "beginning of the first group meeting. Leave the date empty until they are agreed."
            ),
        ),
    )
