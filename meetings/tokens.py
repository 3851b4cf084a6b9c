"""Members' secret links: /r/calendar/<token>/ and /r/papers/<token>/<paper>/.

The token is an HMAC of the member, the group and a generation number under SECRET_KEY, so
the worker can write it into each email when it sends; the database keeps only its SHA-256
(for lookup), and someone holding a copy of the database cannot make a working link."""

import base64
import hashlib
import hmac

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404

from groups.models import Membership

from .models import MemberLink


def _derive(group_id, person_id, generation):
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"meetings-member-link:{group_id}:{person_id}:{generation}".encode(), "sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def member_token(*, group, person):
    """The member's current token for this group (its hash is stored on first use)."""
    link = MemberLink.objects.filter(group=group, person=person).first()
    if link is None:
        token = _derive(group.pk, person.pk, 1)
        link, _ = MemberLink.objects.get_or_create(
            group=group, person=person, defaults={"generation": 1, "token_hash": token_hash(token)}
        )
    return _derive(group.pk, person.pk, link.generation)


def member_link_revoke(*, group, person):
    """A new link for this member; the old one stops working."""
    link = MemberLink.objects.filter(group=group, person=person).first()
    if link:
        link.generation += 1
        link.token_hash = token_hash(_derive(group.pk, person.pk, link.generation))
        link.save(update_fields=["generation", "token_hash"])


def member_link_for(token):
    """The link for a token, if the person is still a current member of the group; else 404."""
    link = get_object_or_404(
        MemberLink.objects.select_related("group", "person"),
        token_hash=token_hash(token),
        person__erased_at__isnull=True,
    )
    if not Membership.objects.current().filter(group_id=link.group_id, person_id=link.person_id).exists():
        raise Http404
    return link
