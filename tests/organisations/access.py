from tests.access import Row, expect

EVERYONE_SIGNED_IN = dict.fromkeys(["other_org", "outsider", "support", "lead", "chair", "manager", "admin"], 200)
# Staff pages are for organisation admins; an admin of another council sees their own staff
# (200) but another council's staff member is a 404. Everyone else signed in: 403.
NOT_ADMIN = dict.fromkeys(["outsider", "support", "lead", "chair", "manager"], 403)

ROWS = {
    "home": Row(expect=expect(**EVERYONE_SIGNED_IN)),
    "healthz": Row(expect={**EVERYONE_SIGNED_IN, "anonymous": 200}),
    "accessibility": Row(expect={**EVERYONE_SIGNED_IN, "anonymous": 200}),
    "organisations:staff": Row(expect=expect(other_org=200, admin=200, **NOT_ADMIN)),
    "organisations:staff_invite": Row(expect=expect(other_org=200, admin=200, **NOT_ADMIN)),
    "organisations:staff_role": Row(
        kwargs=lambda w: {"pk": w.users["outsider"].pk},
        method="post",
        data=lambda w: {"role": "manager"},
        expect=expect(other_org=404, admin=302, **NOT_ADMIN),
    ),
    "organisations:staff_reinvite": Row(
        kwargs=lambda w: {"pk": w.users["outsider"].pk},
        method="post",
        expect=expect(other_org=404, admin=302, **NOT_ADMIN),
    ),
}


def build(world):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.organisations.images import png_bytes

    # One file shared by every matrix test, so the runs do not fill MEDIA_ROOT with copies.
    name = "logos/access-matrix-logo.png"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(png_bytes()))
    world.organisation.logo.name = name
    world.organisation.save(update_fields=["logo"])


ROWS |= {
    "organisations:settings": Row(expect=expect(other_org=200, admin=200, **NOT_ADMIN)),
    # Staff of the organisation see its logo; another organisation's is a 404.
    "organisations:logo": Row(
        kwargs=lambda w: {"pk": w.organisation.pk}, expect=expect(**EVERYONE_SIGNED_IN | {"other_org": 404})
    ),
}
