from tests.access import Row, expect

SEES = dict(support=200, lead=200, chair=200, manager=200, admin=200)

ROWS = {
    "projects:list": Row(expect=expect(other_org=200, outsider=200, **SEES)),
    "projects:create": Row(
        expect=expect(other_org=200, outsider=200, support=200, lead=200, chair=403, manager=200, admin=200)
    ),
    "projects:detail": Row(kwargs=lambda w: {"pk": w.project.pk}, expect=expect(**SEES)),
}
