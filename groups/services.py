"""Writes with side effects for groups: members, recruitment, access records, erasure,
terms of reference and ground rules. Keyword-only arguments throughout."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.anonymity import LinkInvalid, LinkUsed, token_hash, token_new
from outbox.models import OutgoingEmail
from outbox.services import email_queue

from .models import (
    AccessRecord,
    AccessViewLog,
    Applicant,
    GroundRule,
    Membership,
    Person,
    TermsClause,
    TermsVersion,
)

# Public forms: at most this many submissions per window, per client address and per email.
RATE_WINDOW = timedelta(hours=1)
RATE_PER_IP = 10
RATE_PER_EMAIL = 3


def person_find_or_create(*, organisation, email, defaults):
    """People are stored once per organisation, matched by email (case does not matter)."""
    email = (email or "").strip().lower()
    if email:
        person = Person.objects.filter(organisation=organisation, email__iexact=email, erased_at__isnull=True).first()
        if person:
            return person, False
    return Person.objects.create(organisation=organisation, email=email, **defaults), True


def membership_add(*, group, person, member_type, position, joined_on):
    return Membership.objects.create(
        group=group, person=person, member_type=member_type, position=position, joined_on=joined_on
    )


# --- recruitment -----------------------------------------------------------------


def interest_record(*, round, name, email, phone="", member_type, interest=""):
    """Record an expression of interest and queue the email with the application link.

    Returns (applicant, created). A second submission with the same email is merged into the
    first: nothing new is stored and no second email is sent. An existing person's details are
    not changed from a public form (anyone can type any address)."""
    organisation = round.group.project.organisation
    with transaction.atomic():
        person, _created = person_find_or_create(
            organisation=organisation, email=email, defaults={"name": name, "phone": phone}
        )
        applicant, created = Applicant.objects.get_or_create(
            round=round, person=person, defaults={"member_type": member_type, "interest": interest}
        )
        if created:
            email_queue(
                kind="groups.application_link",
                key=f"groups-application-link:applicant{applicant.pk}",
                recipient=person.email,
                params={"applicant": applicant.pk},
                organisation=organisation,
                person=person,
                topic=f"recruitment:{round.pk}",
            )
    return applicant, created


def application_link_mint(*, applicant):
    """A fresh single-use token for the emailed link; only its hash is stored."""
    token, hashed = token_new()
    Applicant.objects.filter(pk=applicant.pk).update(application_token_hash=hashed, application_sent_at=timezone.now())
    return token


def applicant_for_token(token):
    """The applicant a link belongs to, without using it up. Raises LinkInvalid or LinkUsed."""
    if not token or len(token) > 100:
        raise LinkInvalid
    applicant = (
        Applicant.objects.select_related("round__group__project__organisation", "person")
        .filter(application_token_hash=token_hash(token), person__erased_at__isnull=True)
        .first()
    )
    if applicant is None:
        raise LinkInvalid
    if applicant.status != Applicant.Status.INTERESTED:
        raise LinkUsed
    return applicant


def application_submit(*, token, experience, contribution, availability, support_needed):
    """Store the fuller application, at most once per link (row lock and conditional update)."""
    with transaction.atomic():
        applicant = applicant_for_token(token)
        Applicant.objects.select_for_update().filter(pk=applicant.pk).first()
        updated = Applicant.objects.filter(pk=applicant.pk, status=Applicant.Status.INTERESTED).update(
            status=Applicant.Status.APPLIED,
            applied_at=timezone.now(),
            experience=experience,
            contribution=contribution,
            availability=availability,
            support_needed=support_needed,
            updated_at=timezone.now(),
        )
        if not updated:
            raise LinkUsed
    return applicant


def applicant_decide(*, applicant, decision, note, by, reason="", joined_on=None):
    """Record shortlisting or the selection decision, with reasons.

    ``decision`` is "shortlist", "select" or "not_taking_part". Selected people become members
    of the group; people who do not take part are kept with their reason."""
    now = timezone.now()
    with transaction.atomic():
        applicant = Applicant.objects.select_for_update().select_related("round__group", "person").get(pk=applicant.pk)
        if decision == "shortlist":
            applicant.status = Applicant.Status.SHORTLISTED
            applicant.shortlist_note = note
        elif decision == "select":
            applicant.status = Applicant.Status.SELECTED
            applicant.decision_note = note
            applicant.reason = ""
            Membership.objects.get_or_create(
                group=applicant.round.group,
                person=applicant.person,
                defaults={
                    "member_type": applicant.member_type,
                    "position": Membership.Position.MEMBER,
                    "joined_on": joined_on or timezone.localdate(),
                },
            )
        elif decision == "not_taking_part":
            if not reason:
                raise ValueError("A reason is needed")
            applicant.status = Applicant.Status.NOT_TAKING_PART
            applicant.reason = reason
            applicant.decision_note = note
        else:
            raise ValueError(decision)
        applicant.decided_by = by
        applicant.decided_at = now
        applicant.save()
        if decision != "shortlist":
            _application_outcome_queue(applicant)
    return applicant


def _application_outcome_queue(applicant):
    """Tell the applicant the outcome, as the public page promised: once per outcome."""
    person = applicant.person
    if not person.email or person.erased_at:
        return  # no email: the secretariat tells them (the applicant's page shows how to reach them)
    email_queue(
        kind="groups.application_outcome",
        key=f"application-outcome:a{applicant.pk}:{applicant.status}",
        recipient=person.email,
        params={"applicant": applicant.pk},
        organisation=applicant.round.group.project.organisation,
        person=person,
        topic=f"recruitment:{applicant.round_id}",
    )


# --- access and support ----------------------------------------------------------


def access_views_log(*, viewer, group, people, where):
    """Write who saw whose access requirements, and where. One row per person shown."""
    AccessViewLog.objects.bulk_create(
        [AccessViewLog(viewer=viewer, group=group, person=person, where=where) for person in people]
    )


def access_record_save(*, form, membership, by):
    record = form.save(commit=False)
    record.membership = membership
    record.updated_by = by
    if not record.consent_given:
        record.clear()
    record.save()
    return record


def person_erase(*, person, by=None):
    """Remove a person's personal data and keep the rows, so counts stay right.

    Clears the person (name, contact details, staff link), their access records, the free
    text of their applications, first-call notes, expense and training notes, and the
    recipient address of every email to them."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        person.name = _("Erased person")
        person.email = ""
        person.phone = ""
        person.postal_address = ""
        person.user = None
        person.erased_at = timezone.now()
        person.save()
        for record in AccessRecord.objects.filter(membership__person=person):
            record.clear()
            record.save()
        Membership.objects.filter(person=person).update(first_call_note="")
        Applicant.objects.filter(person=person).update(
            interest="",
            experience="",
            contribution="",
            availability="",
            support_needed="",
            shortlist_note="",
            decision_note="",
            application_token_hash=None,
        )
        from .models import ExpenseClaim, TrainingRecord

        ExpenseClaim.objects.filter(membership__person=person).update(note="")
        TrainingRecord.objects.filter(membership__person=person).update(description=_("Training (erased)"))
        OutgoingEmail.objects.filter(person=person).update(recipient="", params={})
    return person


# --- terms of reference and ground rules -----------------------------------------


def terms_version_create(*, group, status, meeting, note, clauses, by):
    """Save a new version (versions are never changed). ``clauses``: (key, heading, text)."""
    with transaction.atomic():
        # Lock the group row so two officers saving at once get different numbers.
        type(group).objects.select_for_update().filter(pk=group.pk).first()
        number = (group.terms_versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = TermsVersion.objects.create(
            group=group, number=number, status=status, meeting=meeting, note=note, created_by=by
        )
        TermsClause.objects.bulk_create(
            [
                TermsClause(version=version, key=key, heading=heading, text=text, position=position)
                for position, (key, heading, text) in enumerate(clauses)
            ]
        )
    return version


def ground_rules_set(*, group, rules, agreed_on, meeting):
    with transaction.atomic():
        group.ground_rules.all().delete()
        GroundRule.objects.bulk_create(
            [GroundRule(group=group, text=text, position=position) for position, text in enumerate(rules)]
        )
        group.ground_rules_agreed_on = agreed_on
        group.ground_rules_meeting = meeting
        group.save(update_fields=["ground_rules_agreed_on", "ground_rules_meeting"])
