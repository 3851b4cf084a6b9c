"""Project pages: the project itself (projects.py), its plan of outcomes, measures,
objectives and activities (plan.py) and its team (team.py)."""

from .projects import home, project_advance, project_create, project_detail, project_edit, project_list
from .team import team, team_add, team_remove

__all__ = [
    "home",
    "project_advance",
    "project_create",
    "project_detail",
    "project_edit",
    "project_list",
    "team",
    "team_add",
    "team_remove",
]
