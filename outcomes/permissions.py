"""Who may see and change a project's questionnaires. Another project's questionnaire is a 404."""

from django.shortcuts import get_object_or_404

from projects.permissions import project_for_editing, project_for_viewing

from .models import Questionnaire


def questionnaire_for_viewing(user, project_pk, pk):
    project = project_for_viewing(user, project_pk)
    return get_object_or_404(Questionnaire.objects.select_related("project__organisation"), project=project, pk=pk)


def questionnaire_for_editing(user, project_pk, pk):
    project = project_for_editing(user, project_pk)
    return get_object_or_404(Questionnaire.objects.select_related("project__organisation"), project=project, pk=pk)
