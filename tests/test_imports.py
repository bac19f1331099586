"""No import cycles among the project's modules.

A cycle works only as long as its modules happen to be imported in one order, and it hides
which way a dependency points. An import inside a function is still a dependency (moving an
import into a function to dodge a cycle hides the cycle, it does not remove it), with one
exception: a function importing Celery's task module, since the tasks import the code that
queues them (subscriptions.services.worker, which says so).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"node_modules", "static", "staticfiles", "var", "locale", "templates"}


def project_modules() -> dict[str, Path]:
    """Every Python module of the project by dotted name (a package by its own name)."""
    modules = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if any(part.startswith(".") or part in SKIPPED_DIRS for part in parts[:-1]):
            continue
        names = [*parts[:-1], path.stem] if path.stem != "__init__" else list(parts[:-1])
        if names:
            modules[".".join(names)] = path
    return modules


class _Imports(ast.NodeVisitor):
    """A module's imports, each with whether it runs inside a function (not when the module is
    imported); those under `if TYPE_CHECKING:` never run and are left out."""

    def __init__(self):
        self.imports: list[tuple[ast.Import | ast.ImportFrom, bool]] = []
        self.depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_Lambda = visit_FunctionDef

    def visit_If(self, node):
        if "TYPE_CHECKING" in {getattr(node.test, "id", None), getattr(node.test, "attr", None)}:
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node):
        self.imports.append((node, self.depth > 0))

    visit_ImportFrom = visit_Import


def module_imports(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, bool]]:
    """The project modules `name` imports, each with whether the import is inside a function."""
    finder = _Imports()
    finder.visit(ast.parse(path.read_text(), filename=str(path)))
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found = []
    for node, local in finder.imports:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*(anchor if node.level else []), *filter(None, [node.module])])
            # `from package import module` imports that module; `from module import name`,
            # the module.
            targets = [
                submodule if (submodule := f"{base}.{alias.name}".strip(".")) in modules else base
                for alias in node.names
            ]
        for target in targets:
            while target and target not in modules:  # `import a.b.c` of a non-module `c`
                target = target.rpartition(".")[0]
            if target and target != name:
                found.append((target, local))
    return found


def import_graph(modules: dict[str, Path], *, inside_functions: bool) -> dict[str, set[str]]:
    """Each module's project imports: at its top level, and with `inside_functions` also those
    in its functions, but for a function's import of a Celery task module."""
    graph = {}
    for name, path in modules.items():
        graph[name] = {
            target
            for target, local in module_imports(name, path, modules)
            if not local or (inside_functions and not target.endswith(".tasks"))
        }
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), each
    sorted, in name order."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def test_the_checker_finds_a_cycle_and_which_imports_count(tmp_path):
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]

    files = {
        "__init__": "",
        "one": "from . import two\nfrom .two import thing\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pkg import three\n",
        "two": "def f():\n    from . import one\n    from pkg import tasks\n",
        "three": "import pkg.one\nclass A:\n    from .. import pkg\n",
        "tasks": "from pkg import two\n",
    }
    (tmp_path / "pkg").mkdir()
    modules = {}
    for stem, text in files.items():
        (tmp_path / "pkg" / f"{stem}.py").write_text(text)
        modules["pkg" if stem == "__init__" else f"pkg.{stem}"] = tmp_path / "pkg" / f"{stem}.py"
    top_level = import_graph(modules, inside_functions=False)
    assert top_level == {
        "pkg": set(), "pkg.one": {"pkg.two"}, "pkg.two": set(), "pkg.three": {"pkg.one", "pkg"},
        "pkg.tasks": {"pkg.two"},
    }  # fmt: skip
    assert import_cycles(top_level) == []
    everything = import_graph(modules, inside_functions=True)
    assert everything["pkg.two"] == {"pkg.one"}  # not the task module
    assert import_cycles(everything) == [["pkg.one", "pkg.two"]]


@pytest.mark.parametrize(
    "inside_functions", [False, True], ids=["top-level imports", "imports in functions too"]
)
def test_no_import_cycles_among_the_projects_modules(inside_functions):
    graph = import_graph(project_modules(), inside_functions=inside_functions)
    assert "subscriptions.tasks" in graph  # the walk found the project
    assert import_cycles(graph) == []


def test_subscriptions_imports_at_the_top_but_the_task_module_in_one_place():
    local = []
    for name, path in project_modules().items():
        if name.startswith("subscriptions."):
            finder = _Imports()
            finder.visit(ast.parse(path.read_text(), filename=str(path)))
            local += [(name, ast.unparse(node)) for node, inside in finder.imports if inside]
    assert sorted(local) == [
        # Django's place for connecting a signal: models are loaded by then.
        ("subscriptions.apps", "from .services import bounces"),
        ("subscriptions.services.worker", "from subscriptions import tasks"),
    ]
