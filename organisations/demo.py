"""The demo organisation: West Berkshire Council and its staff (their projects are in
``projects/demo.py``). Idempotent: whatever already exists, matched by slug or email, is kept."""

from .models import Organisation, User

DEMO_PASSWORD = "co-production-demo"
ORGANISATION = {"slug": "west-berkshire", "name": "West Berkshire Council", "require_mfa": False, "email_sender": ""}

# key: (email, name, role)
USERS = {
    "admin": ("admin@westberks.example", "Alex Morgan", User.Role.ADMIN),
    "manager": ("manager@westberks.example", "Priya Shah", User.Role.MANAGER),
    "officer": ("sam.taylor@westberks.example", "Sam Taylor", User.Role.OFFICER),
    "officer2": ("jo.evans@westberks.example", "Jo Evans", User.Role.OFFICER),
    "chair": ("chair@westberks.example", "Margaret Hughes", User.Role.CHAIR),
}


def user_find_or_create(organisation, email, name, role):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, name=name, role=role, organisation=organisation)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load():
    """Create (or find) the demo organisation and its staff; return (organisation, context)."""
    slug, defaults = ORGANISATION["slug"], {k: v for k, v in ORGANISATION.items() if k != "slug"}
    organisation, _created = Organisation.objects.get_or_create(slug=slug, defaults=defaults)
    users = {key: user_find_or_create(organisation, *spec) for key, spec in USERS.items()}
    return organisation, {"users": users}
