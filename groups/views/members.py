from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views import ScopedCreateView, ScopedUpdateView
from projects.permissions import can_edit_project, project_for_editing, project_for_viewing

from .. import services
from ..forms import AccessRecordForm, GroupForm, MemberAddForm, MemberEditForm, TrainingForm
from ..models import AccessRecord, Applicant, Group, Membership, Person
from ..permissions import (
    can_erase_members,
    can_manage_group,
    can_read_access_log,
    can_see_access,
    group_for_access,
    group_for_access_log,
    group_for_editing,
    group_for_viewing,
)
from .common import GroupFormPage, group_context


def group_list(request, project_pk):
    project = project_for_viewing(request.user, project_pk)
    groups = Group.objects.filter(project=project).with_balance()
    return render(
        request,
        "groups/group_list.html",
        {
            "project": project,
            "groups": groups,
            "section": "groups",
            "can_manage": can_edit_project(request.user, project),
            "breadcrumbs": [
                (_("Projects"), reverse("projects:list")),
                (project.title, project.get_absolute_url()),
                (_("Groups"), None),
            ],
        },
    )


class GroupCreate(ScopedCreateView):
    template_name = "groups/form_page.html"
    form_class = GroupForm
    success_message = gettext_lazy("Group created.")

    def check_access(self, request, project_pk, **kwargs):
        self.project = project_for_editing(request.user, project_pk)

    def save(self, form):
        form.instance.project = self.project
        return form.save()

    def get_context_data(self, **kwargs):
        project = self.project
        return super().get_context_data(
            project=project,
            section="groups",
            title=_("New group"),
            breadcrumbs=[
                (_("Projects"), reverse("projects:list")),
                (project.title, project.get_absolute_url()),
                (_("Groups"), reverse("groups:list", args=[project.pk])),
                (_("New group"), None),
            ],
            **kwargs,
        )


def group_detail(request, project_pk, pk):
    group = group_for_viewing(request.user, project_pk, pk)
    balance = Group.objects.with_balance().get(pk=group.pk)
    memberships = group.memberships.with_latest_training().select_related("person").order_by("left_on", "person__name")
    current = set(group.memberships.current().values_list("pk", flat=True))
    return render(
        request,
        "groups/group_detail.html",
        group_context(
            group,
            balance=balance,
            memberships=memberships,
            current=current,
            rounds=group.recruitment_rounds.all(),
            agreed_terms=group.terms_versions.agreed().first(),
            latest_terms=group.terms_versions.first(),
            ground_rules=group.ground_rules.all(),
            can_manage=can_manage_group(request.user, group),
            can_see_access=can_see_access(request.user, group),
            can_read_access_log=can_read_access_log(request.user, group),
        ),
    )


class GroupEdit(GroupFormPage, ScopedUpdateView):
    form_class = GroupForm
    title = gettext_lazy("Change the group")
    success_message = gettext_lazy("Group saved.")

    def get_object(self):
        return self.group

    def crumbs(self):
        return [(_("Change"), None)]


def member_add(request, project_pk, pk):
    group = group_for_editing(request.user, project_pk, pk)
    form = MemberAddForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = data["matched_person"]
        if person is None:
            person = Person.objects.create(
                organisation=group.project.organisation,
                **{name: data[name] for name in ["name", "email", "phone", "postal_address"]},
                preferred_contact=data["preferred_contact"] or Person.Contact.EMAIL,
                preferred_format=data["preferred_format"] or Person.Format.STANDARD,
            )
        services.membership_add(
            group=group,
            person=person,
            member_type=data["member_type"],
            position=data["position"],
            joined_on=data["joined_on"],
        )
        messages.success(request, _("%(name)s added to the group.") % {"name": person.name})
        return redirect(group)
    return render(
        request,
        "groups/form_page.html",
        group_context(
            group,
            (_("Add a member"), None),
            form=form,
            title=_("Add a member"),
            intro=_(
                "People are kept once for the whole organisation and matched by email address, "
                "so the same person can sit on several groups."
            ),
        ),
    )


def _membership(group, membership_pk):
    return get_object_or_404(Membership.objects.select_related("person"), group=group, pk=membership_pk)


def _member_crumb(group, membership):
    """The breadcrumb back to a member's page, shared by the pages under it."""
    url = reverse("groups:member_detail", args=[group.project_id, group.pk, membership.pk])
    return (membership.person.name, url)


def member_detail(request, project_pk, pk, membership_pk):
    group = group_for_viewing(request.user, project_pk, pk)
    membership = _membership(group, membership_pk)
    can_manage = can_manage_group(request.user, group)
    return render(
        request,
        "groups/member_detail.html",
        group_context(
            group,
            (membership.person.name, None),
            membership=membership,
            person=membership.person,
            training=membership.training.all(),
            claims=membership.expense_claims.all() if can_manage else None,
            can_manage=can_manage,
            can_see_access=can_see_access(request.user, group),
            can_erase=can_erase_members(request.user, group),
            other_groups=membership.person.memberships.exclude(pk=membership.pk).select_related("group__project"),
        ),
    )


class MemberPage(GroupFormPage):
    """A form about one member of the group, under the member's page."""

    def check_access(self, request, project_pk, pk, membership_pk):
        super().check_access(request, project_pk, pk)
        self.membership = _membership(self.group, membership_pk)

    def crumbs(self):
        return [_member_crumb(self.group, self.membership), *self.last_crumbs()]

    def get_success_url(self):
        return reverse("groups:member_detail", args=[self.group.project_id, self.group.pk, self.membership.pk])


class MemberEdit(MemberPage, ScopedUpdateView):
    form_class = MemberEditForm
    success_message = gettext_lazy("Member saved.")

    def get_object(self):
        return self.membership

    def get_title(self):
        return _("Change %(name)s's details") % {"name": self.membership.person.name}

    def last_crumbs(self):
        return [(_("Change"), None)]


def member_access(request, project_pk, pk, membership_pk):
    group = group_for_access(request.user, project_pk, pk)
    membership = _membership(group, membership_pk)
    record = AccessRecord.objects.filter(membership=membership).first()
    # What they wrote when applying is offered, not retyped; it is kept once consent is recorded.
    applied = None if record else _support_from_application(group, membership.person)
    form = AccessRecordForm(request.POST or None, instance=record, initial={"details": applied} if applied else None)
    if request.method == "POST" and form.is_valid():
        services.access_record_save(form=form, membership=membership, by=request.user)
        messages.success(request, _("Access requirements and support saved."))
        return redirect("groups:member_access", group.project_id, group.pk, membership.pk)
    services.access_views_log(viewer=request.user, group=group, people=[membership.person], where="member")
    return render(
        request,
        "groups/member_access.html",
        group_context(
            group,
            _member_crumb(group, membership),
            (_("Access and support"), None),
            membership=membership,
            record=record,
            form=form,
            applied=applied,
        ),
    )


def _support_from_application(group, person):
    """The support or access the person asked for when they applied to join this group."""
    applicant = (
        Applicant.objects.filter(round__group=group, person=person).exclude(support_needed="").order_by("-pk").first()
    )
    return applicant.support_needed if applicant else ""


def member_erase(request, project_pk, pk, membership_pk):
    group = group_for_viewing(request.user, project_pk, pk)
    if not can_erase_members(request.user, group):
        raise PermissionDenied
    membership = _membership(group, membership_pk)
    if request.method == "POST":
        services.person_erase(person=membership.person, by=request.user)
        messages.success(request, _("Their personal data has been erased. The counts stay right."))
        return redirect(group)
    return render(
        request,
        "groups/member_erase.html",
        group_context(group, (membership.person.name, None), membership=membership),
    )


class TrainingAdd(MemberPage, ScopedCreateView):
    form_class = TrainingForm
    success_message = gettext_lazy("Training recorded.")

    def save(self, form):
        form.instance.membership = self.membership
        return form.save()

    def get_title(self):
        return _("Record co-production training for %(name)s") % {"name": self.membership.person.name}

    def last_crumbs(self):
        return [(_("Record training"), None)]


def access_log(request, project_pk, pk):
    group = group_for_access_log(request.user, project_pk, pk)
    views = group.access_views.select_related("viewer", "person").order_by("-viewed_at", "-pk")
    page = Paginator(views, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/access_log.html",
        group_context(group, (_("Who has seen access requirements"), None), page=page),
    )
