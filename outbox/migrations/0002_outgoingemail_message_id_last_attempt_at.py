from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='outgoingemail',
            name='last_attempt_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        # Unique once every existing row has its own (0003).
        migrations.AddField(
            model_name='outgoingemail',
            name='message_id',
            field=models.CharField(default='', editable=False, max_length=320),
            preserve_default=False,
        ),
    ]
