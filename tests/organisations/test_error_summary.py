from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    statement = forms.CharField(label="I have been able to influence the work of this project.")
    title = forms.CharField(label="Title")


def test_error_summary_links_each_error_to_its_field_without_doubled_punctuation():
    form = _Form(data={})
    html = render_to_string("includes/error_summary.html", {"form": form})
    assert 'href="#id_statement"' in html
    assert "this project. This field is required." in html
    assert "this project.:" not in html
    assert "Title: This field is required." in html
