from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0003_message_ids_and_app_dot_message_kinds'),
    ]

    operations = [
        migrations.AlterField(
            model_name='outgoingemail',
            name='message_id',
            field=models.CharField(editable=False, max_length=320, unique=True),
        ),
    ]
