from django.urls import reverse
from django.utils.translation import gettext as _


def group_context(group, *crumbs, **extra):
    """Context every group page shares: the project tab, and breadcrumbs down to the group."""
    project = group.project
    breadcrumbs = [
        (_("Projects"), reverse("projects:list")),
        (project.title, project.get_absolute_url()),
        (_("Groups"), reverse("groups:list", args=[project.pk])),
    ]
    if crumbs:
        breadcrumbs.append((group.name, group.get_absolute_url()))
        breadcrumbs.extend(crumbs)
    else:
        breadcrumbs.append((group.name, None))
    return {"project": project, "group": group, "section": "groups", "breadcrumbs": breadcrumbs, **extra}
