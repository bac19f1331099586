"""The project's shape: `cleanindustry/` is the project's wiring only, and dependencies point
one way, from the content apps down to the shared apps, which name no app above them (apps
register with them in their AppConfig.ready())."""

import ast
import re

from tests.test_imports import ROOT, import_graph, project_modules

WIRING = {
    "__init__", "apps", "asgi", "celery", "health", "settings", "startup", "urls", "views", "wsgi"
}  # fmt: skip

# The shared apps, bottom up, and the project apps each may import (Django and libraries aside).
SHARED = {
    "core": set(),
    "publishing": {"core"},
    "search": {"core"},
    "accounts": {"core", "publishing"},
    "media": {"core", "publishing"},  # images, which pages and every content app show
    "pages": {"core", "publishing", "search", "media"},
}
APPS = {*SHARED, "exchange", "assessment", "roadmap", "opendata", "subscriptions", "staffhome"}
# A string naming an app: its label, a model label, a URL name or a permission ("roadmap:index").
NAMES_AN_APP = re.compile(rf"^({'|'.join(sorted(APPS))})([.:]\w|$)")
# The publishing right is declared on Page's Meta: a permission needs a model's content type.
NAMED_ON_PURPOSE = {"pages.publish_content"}


def test_cleanindustry_holds_only_the_projects_wiring():
    modules = {path.stem for path in (ROOT / "cleanindustry").glob("*.py")}
    packages = {
        path.name
        for path in (ROOT / "cleanindustry").iterdir()
        if path.is_dir() and not path.name.startswith("__")
    }
    assert modules <= WIRING
    assert packages == {"migrations"}  # kept: the history of the models that moved out


def test_dependencies_point_one_way():
    graph = import_graph(project_modules(), inside_functions=True)
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if (app := module.split(".")[0]) in SHARED
        and (imported := target.split(".")[0]) != app
        and imported not in SHARED[app]
    )
    assert wrong == []
    # Nothing but the project itself (and its tests and benchmarks) imports the project.
    importers = {
        module
        for module, targets in graph.items()
        if any(target.split(".")[0] == "cleanindustry" for target in targets)
        and module.split(".")[0] not in {"cleanindustry", "tests", "bench", "manage"}
    }
    assert importers == set()


def test_shared_code_names_no_app_above_it():
    named = []
    for app in SHARED:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:  # history: the labels of their day
                continue
            tree = ast.parse(path.read_text())
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
            }
            # A key that happens to spell an app (`context["media"]`) names none.
            keys = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}
            named += [
                (str(path.relative_to(ROOT)), node.value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings | keys
                and NAMES_AN_APP.match(node.value)
                and node.value not in NAMED_ON_PURPOSE
                and re.split("[.:]", node.value)[0] not in {app, *SHARED[app]}
            ]
    assert named == []
