from django.urls import reverse
from django.utils.translation import gettext as _

from ..permissions import group_for_editing


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


class GroupFormPage:
    """A form about one group on "groups/form_page.html", for those who manage the group.

    Subclasses name the form, the title and the breadcrumbs after the group's own, and which
    of the group's things the form changes (``get_object``/``get_queryset``)."""

    template_name = "groups/form_page.html"
    title = ""
    intro = ""

    def check_access(self, request, project_pk, pk, **kwargs):
        self.group = group_for_editing(request.user, project_pk, pk)

    def get_title(self):
        return self.title

    def crumbs(self):
        return [(self.get_title(), None)]

    def get_context_data(self, **kwargs):
        context = group_context(self.group, *self.crumbs(), title=self.get_title())
        if self.intro:
            context["intro"] = self.intro
        return super().get_context_data(**context, **kwargs)
