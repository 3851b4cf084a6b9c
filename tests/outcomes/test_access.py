"""The role x view matrix for the outcomes app's pages (rows in tests/outcomes/access.py)."""

import pytest

from tests.access import cases, check
from tests.outcomes.access import ROWS


@pytest.mark.parametrize(("role", "name"), cases(ROWS))
def test_role_matrix(client, access_case, role, name):
    check(client, access_case, ROWS, name, role)
