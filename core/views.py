"""Generic add, change and remove pages for the things that belong to a project or a group.

Django's own generic views, with one rule added: ``check_access`` runs first, before the form
or the object is looked at. It raises Http404 (or PermissionDenied) for those who may not be
there and keeps what the page belongs to on the view (``self.project``, ``self.group``), and
``get_queryset`` then looks only among that parent's own objects, so another organisation's
object is a 404. An app subclasses these once per kind of thing, naming its model, form,
template, headings and message."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.views import generic


class ScopedMixin:
    http_method_names = ["get", "head", "post"]
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() in self.http_method_names:
            self.check_access(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request, **kwargs):
        raise NotImplementedError("Say who may use this page, on its first line.")

    def get_success_message(self):
        return self.success_message

    def get_context_object_name(self, obj):
        # Pages name what they show in their own context; no extra name from the model.
        return None


class SaveMixin(ScopedMixin):
    def form_kwargs(self):
        """What the form needs beyond its data and instance, e.g. the project to choose from."""
        return {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_kwargs()}

    def form_valid(self, form):
        self.object = self.save(form)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())

    def save(self, form):
        return form.save()


class ScopedCreateView(SaveMixin, generic.CreateView):
    pass


class ScopedUpdateView(SaveMixin, generic.UpdateView):
    pass


class ScopedDeleteView(ScopedMixin, generic.DeleteView):
    def get_form_class(self):
        # Confirming is an empty form, even where the kind of thing names its own form_class.
        return forms.Form

    def form_valid(self, form):
        # Worked out before the delete, which clears the object's primary key.
        success_url, message = self.get_success_url(), self.get_success_message()
        self.object.delete()
        messages.success(self.request, message)
        return redirect(success_url)
