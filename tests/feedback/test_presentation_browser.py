"""The presentation view is shown on a projector: every column of the trend table must be
visible without scrolling sideways."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import (
    GroupFactory,
    ProjectRoleFactory,
    ReflectionAnswerFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
)

pytestmark = [pytest.mark.browser]


def test_the_whole_trend_table_fits_a_laptop_screen_in_the_presentation_view(
    transactional_db, page, live_server, sign_in, assert_accessible
):
    role = ProjectRoleFactory(role="lead")
    group = GroupFactory(project=role.project, name="Community energy guidance note: co-production group")
    for month in (8, 9, 10, 11):
        round = ReflectionRoundFactory(group=group, date=dt.date(2026, month, 6), status="closed", code=None)
        for _ in range(5):
            ReflectionAnswerFactory(round=round, equality=4, difference=3, inclusive=5)
            ReflectionInvitationFactory(round=round)
    sign_in(page, role.user)
    page.set_viewport_size({"width": 1280, "height": 800})
    for name in ("feedback:present", "feedback:dashboard"):
        page.goto(reverse(name, args=[group.project.pk, group.pk]))
        assert_accessible(page)
        overflowing = page.evaluate(
            "() => [...document.querySelectorAll('.table-responsive')]"
            ".filter(el => el.scrollWidth > el.clientWidth + 1).length"
        )
        assert overflowing == 0, name
