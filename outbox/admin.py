from django.contrib import admin

from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "status", "attempts", "last_attempt_at", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    # A person who got a message twice can quote its Message-ID header.
    search_fields = ["recipient", "key", "message_id"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
