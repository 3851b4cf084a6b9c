from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import OrganisationSettingsForm, StaffInviteForm, StaffRoleForm
from .models import User
from .permissions import organisation_for_editing, organisation_for_viewing, staff_member_for_editing


@login_not_required
@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
def accessibility(request):
    return render(request, "organisations/accessibility.html")


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def staff(request):
    organisation = organisation_for_editing(request.user)
    return render(
        request,
        "organisations/staff.html",
        {
            "staff": organisation.users.order_by("name").annotate(
                has_mfa=Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))
            ),
            "roles": User.Role.choices,
            "breadcrumbs": [(_("Staff"), None)],
        },
    )


def staff_invite(request):
    organisation = organisation_for_editing(request.user)
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.staff_invite(organisation=organisation, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("organisations:staff")
    return render(
        request,
        "organisations/staff_invite.html",
        {"form": form, "breadcrumbs": [(_("Staff"), reverse("organisations:staff")), (_("Invite staff"), None)]},
    )


@require_POST
def staff_role(request, pk):
    member = staff_member_for_editing(request.user, pk)
    form = StaffRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("organisations:staff")
    try:
        services.staff_role_change(user=member, role=form.cleaned_data["role"], changed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s is now: %(role)s.") % {"name": member.name, "role": member.get_role_display()}
        )
    return redirect("organisations:staff")


@require_POST
def staff_reinvite(request, pk):
    member = staff_member_for_editing(request.user, pk)
    if member.has_usable_password():
        messages.error(request, _("%(name)s has already chosen a password.") % {"name": member.name})
    else:
        services.staff_invitation_send(user=member, invited_by=request.user)
        messages.success(request, _("Invitation sent again to %(email)s.") % {"email": member.email})
    return redirect("organisations:staff")


def organisation_settings(request):
    organisation = organisation_for_editing(request.user)
    form = OrganisationSettingsForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_settings_save(form=form)
        messages.success(request, _("Organisation settings saved."))
        return redirect("organisations:settings")
    return render(
        request,
        "organisations/settings.html",
        {"form": form, "breadcrumbs": [(_("Organisation settings"), None)]},
    )


@require_GET
def organisation_logo(request, pk):
    # Uploads are never on a public URL (see README): staff see their own organisation's logo.
    organisation = organisation_for_viewing(request.user, pk)
    if not organisation.logo:
        raise Http404
    extension = organisation.logo.name.rsplit(".", 1)[-1]
    content_type = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}.get(extension)
    if content_type is None:
        raise Http404
    response = FileResponse(organisation.logo.open("rb"), content_type=content_type)
    # The address changes with the file's (random) name, so it may be kept a day.
    response["Cache-Control"] = "private, max-age=86400"
    return response
