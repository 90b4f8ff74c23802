"""The shape of the code (docs/architecture.md): each app imports only from
the apps below it in the flow of the ITA year, and no module imports another
that imports it back."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. An app may import from itself and from the apps before it.
LAYERS = [
    "ita_portal",
    "notifications",
    "organizations",
    "audit",
    "twofactor",
    "assessments",
    "measures",
    "reports",
    "desk",
    "public",
    "oversight",
    "demo",
]
# The project's root URLconf gathers every app's pages: it sits above them all.
ABOVE_ALL = {"ita_portal/urls.py"}


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in LAYERS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = project_modules()


def imported(module: str, path: Path, *, top_level_only: bool) -> set[str]:
    """The project modules `module` imports (all of them, or only those its
    body imports when it is first loaded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            # `from measures import services` imports measures.services.
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def test_an_app_imports_only_from_the_apps_below_it():
    wrong = [
        f"{module} imports {other}"
        for module, path in sorted(MODULES.items())
        if str(path.relative_to(ROOT)) not in ABOVE_ALL
        for other in sorted(imported(module, path, top_level_only=False))
        if layer(other) > layer(module)
    ]
    assert wrong == [], f"the order is {' → '.join(LAYERS)} (docs/architecture.md)"


def test_no_module_imports_one_that_imports_it_back():
    """Imports inside functions count too: a cycle hidden in a function is
    still a cycle."""
    graph = {
        module: imported(module, path, top_level_only=False)
        for module, path in MODULES.items()
    }
    cycles = []
    state: dict[str, str] = {}

    def visit(module, trail):
        state[module] = "open"
        for other in sorted(graph[module]):
            if state.get(other) == "open":
                cycles.append(trail[trail.index(other) :] + [other])
            elif other not in state:
                visit(other, trail + [other])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_check_sees_an_import_from_above(tmp_path):
    """The layered check is not vacuous: a model importing a view is caught."""
    source = tmp_path / "x.py"
    source.write_text("from reports.views import memo_detail\n", encoding="utf-8")
    found = imported("measures.models.plans", source, top_level_only=False)
    assert "reports.views" in found
    assert layer("reports.views") > layer("measures.models.plans")
