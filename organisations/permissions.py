from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import User


def organisation_for_editing(user):
    """Only an organisation's admins manage its staff (403 for everyone else signed in)."""
    if not (user.is_authenticated and user.organisation_id and user.is_org_admin):
        raise PermissionDenied
    return user.organisation


def staff_member_for_editing(user, pk):
    """A member of the admin's own organisation; anyone else's staff is a 404."""
    organisation = organisation_for_editing(user)
    return get_object_or_404(User.objects.filter(organisation=organisation), pk=pk)


def organisation_for_viewing(user, pk):
    """The signed-in person's own organisation; any other organisation is a 404."""
    if not (user.is_authenticated and user.organisation_id == pk):
        raise Http404
    return user.organisation
