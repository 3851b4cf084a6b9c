from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in person may reach before setting up two-factor authentication.
MFA_SETUP_PREFIXES = ("/accounts/", "/static/", "/healthz", "/accessibility/")


class RequireMFAMiddleware:
    """Send staff of an organisation that requires MFA to set it up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up(self, request):
        user = request.user
        if not user.is_authenticated or request.path.startswith(MFA_SETUP_PREFIXES):
            return False
        organisation = user.organisation
        if organisation is None or not organisation.require_mfa:
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
