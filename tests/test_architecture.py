"""How the apps may depend on one another, read from the code itself.

Apps import downward only: no two apps import each other (directly or round a longer loop),
nothing imports from ``reporting`` (it sits on top of everything), and ``core`` (the
mechanisms several apps share) imports none of the others. Every import counts, including
those inside functions; migrations do not (they name apps by string)."""

import ast
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.conf import settings


def _our_apps():
    root = Path(settings.BASE_DIR)
    return {config.name: Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == root}


def _imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def _imports():
    """Every (file, app) where a file of one app imports another of our apps."""
    ours = _our_apps()
    root = Path(settings.BASE_DIR)
    found = set()
    for name, path in ours.items():
        for source in path.rglob("*.py"):
            if "migrations" in source.parts:
                continue
            for module in _imported_modules(ast.parse(source.read_text(), filename=str(source))):
                imported = module.split(".")[0]
                if imported in ours and imported != name:
                    found.add((source.relative_to(root).as_posix(), imported))
    return found


def _app_of(file):
    return file.split("/")[0]


def _cycles(imports):
    """Each pair of apps that reach each other through the imports, with one file of each side."""
    graph = defaultdict(set)
    for file, imported in imports:
        graph[_app_of(file)].add(imported)

    def reaches(start, goal):
        seen, todo = set(), [start]
        while todo:
            app = todo.pop()
            if app == goal:
                return True
            if app not in seen:
                seen.add(app)
                todo.extend(graph[app])
        return False

    return sorted(
        (file, imported) for file, imported in imports if reaches(imported, _app_of(file)) and imported != _app_of(file)
    )


def _broken_rules(imports):
    return {
        "cycles": _cycles(imports),
        "imports from reporting": sorted((f, app) for f, app in imports if app == "reporting"),
        "core imports an app": sorted((f, app) for f, app in imports if _app_of(f) == "core"),
    }


def test_the_rules_see_a_cycle_an_upward_import_and_core_reaching_up():
    imports = {
        ("groups/forms.py", "meetings"),
        ("meetings/models.py", "groups"),
        ("feedback/views.py", "reporting"),
        ("core/models.py", "projects"),
    }
    broken = _broken_rules(imports)
    assert broken["cycles"] == [("groups/forms.py", "meetings"), ("meetings/models.py", "groups")]
    assert broken["imports from reporting"] == [("feedback/views.py", "reporting")]
    assert broken["core imports an app"] == [("core/models.py", "projects")]


def test_apps_import_downward_only():
    assert _broken_rules(_imports()) == {"cycles": [], "imports from reporting": [], "core imports an app": []}
