"""Template tags for the report sections."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag(takes_context=True)
def score_cell(context, cell):
    """One outcome score: the share agreeing with its number of answers, "withheld", or a
    dash. In Python rather than a template partial: a report has hundreds of these cells, and
    a partial with a plural translation in it was most of the outcome section's rendering."""
    if not cell or cell.empty:
        return "–"
    if cell.withheld:
        return format_html('<span class="withheld">{}</span>', _("withheld"))
    answers = ngettext("%(n)s answer", "%(n)s answers", cell.answered) % {"n": cell.answered}
    if context.get("pdf"):
        # One text box, not two: hundreds of these cells in the PDF.
        return format_html("{}% ({})", cell.share, answers)
    return format_html('{}% <span class="text-muted">({})</span>', cell.share, answers)
