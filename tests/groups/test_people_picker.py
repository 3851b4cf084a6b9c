"""Two people of the same name can be told apart wherever staff pick someone."""

from django.urls import reverse

from tests.factories import GroupFactory, PersonFactory
from tests.html import texts


def test_the_member_picker_shows_each_persons_email_or_phone(client, officer, project):
    group = GroupFactory(project=project)
    organisation = project.organisation
    PersonFactory(organisation=organisation, name="Sam Jones", email="sam.jones@example.org")
    PersonFactory(organisation=organisation, name="Sam Jones", email="", phone="01635 519000")
    client.force_login(officer)
    page = client.get(reverse("groups:member_add", args=[project.pk, group.pk]))
    options = texts(page, "#id_existing_person option")
    assert "Sam Jones (sam.jones@example.org)" in options
    assert "Sam Jones (01635 519000)" in options
