"""Give every stored message its Message-ID, and name each kind <app>.<message>."""

from django.db import migrations

from outbox.models import message_id_make

RENAMED = {
    "questionnaire_invitation": "outcomes.questionnaire_invitation",
    "questionnaire_reminder": "outcomes.questionnaire_reminder",
    "staff-invitation": "organisations.staff_invitation",
    "account-email": "organisations.account_email",
    "groups-application-link": "groups.application_link",
}


def forwards(apps, schema_editor):
    OutgoingEmail = apps.get_model("outbox", "OutgoingEmail")
    for old, new in RENAMED.items():
        OutgoingEmail.objects.filter(kind=old).update(kind=new)
    for email in OutgoingEmail.objects.filter(message_id="").select_related("organisation").iterator():
        sender = email.organisation.email_sender if email.organisation else ""
        OutgoingEmail.objects.filter(pk=email.pk).update(message_id=message_id_make(sender))


def backwards(apps, schema_editor):
    OutgoingEmail = apps.get_model("outbox", "OutgoingEmail")
    for old, new in RENAMED.items():
        OutgoingEmail.objects.filter(kind=new).update(kind=old)


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0002_outgoingemail_message_id_last_attempt_at'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
