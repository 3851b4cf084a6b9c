from tests.access import Row, expect
from tests.factories import IndicatorFactory, IndicatorReadingFactory, ReportExportFactory

SEES = dict(support=200, lead=200, chair=200, manager=200, admin=200)
EDITS = dict(support=200, lead=200, chair=404, manager=404, admin=200)
EDITS_POST = dict(support=302, lead=302, chair=404, manager=404, admin=302)
# Every signed-in person reaches the dashboard; it shows only the projects they may see.
EVERYONE = dict(other_org=200, outsider=200, **SEES)


def build(world):
    world.indicator = IndicatorFactory(project=world.project)
    world.reading = IndicatorReadingFactory(indicator=world.indicator)
    # Asked for by the manager: only they and the organisation's managers and admins see it.
    world.export = ReportExportFactory(requested_by=world.users["manager"], scope="project", project=world.project)


def _indicator(w):
    return {"pk": w.project.pk, "indicator_pk": w.indicator.pk}


def _reading(w):
    return {**_indicator(w), "reading_pk": w.reading.pk}


ROWS = {
    "reporting:dashboard": Row(expect=expect(**EVERYONE)),
    "reporting:dashboard_csv": Row(expect=expect(**EVERYONE), query="stage=planning"),
    "reporting:population": Row(expect=expect(other_org=200, support=404, lead=404, chair=404, manager=404, admin=200)),
    "reporting:export_list": Row(expect=expect(**EVERYONE)),
    "reporting:export_create": Row(
        method="post",
        data=lambda w: {"scope": "project", "project": w.project.pk},
        expect=expect(support=302, lead=302, chair=302, manager=302, admin=302),
    ),
    "reporting:export_detail": Row(
        kwargs=lambda w: {"pk": w.export.pk},
        expect=expect(support=404, lead=404, chair=404, manager=200, admin=200),
    ),
    # Not ready yet: nobody can download it.
    "reporting:export_download": Row(
        kwargs=lambda w: {"pk": w.export.pk},
        expect=expect(support=404, lead=404, chair=404, manager=404, admin=404),
    ),
    "reporting:project_report": Row(kwargs=lambda w: {"pk": w.project.pk}, expect=expect(**SEES)),
    "reporting:project_report_csv": Row(kwargs=lambda w: {"pk": w.project.pk}, expect=expect(**SEES)),
    "reporting:monitoring": Row(kwargs=lambda w: {"pk": w.project.pk}, expect=expect(**EDITS)),
    "reporting:indicator_list": Row(kwargs=lambda w: {"pk": w.project.pk}, expect=expect(**SEES)),
    "reporting:indicator_create": Row(kwargs=lambda w: {"pk": w.project.pk}, expect=expect(**EDITS)),
    "reporting:indicator_detail": Row(kwargs=_indicator, expect=expect(**SEES)),
    "reporting:indicator_edit": Row(kwargs=_indicator, expect=expect(**EDITS)),
    "reporting:indicator_delete": Row(kwargs=_indicator, expect=expect(**EDITS)),
    "reporting:reading_create": Row(kwargs=_indicator, expect=expect(**EDITS)),
    "reporting:reading_edit": Row(kwargs=_reading, expect=expect(**EDITS)),
    "reporting:reading_delete": Row(kwargs=_reading, expect=expect(**EDITS)),
    # A resident link: no sign-in; an unknown token is a 404 for everyone.
    "reporting_public:monitoring_answer": Row(
        kwargs=lambda w: {"token": "x" * 43},
        expect={
            "anonymous": 404,
            "other_org": 404,
            "outsider": 404,
            "support": 404,
            "lead": 404,
            "chair": 404,
            "manager": 404,
            "admin": 404,
        },
    ),
}
