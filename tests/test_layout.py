"""The code keeps the layout docs/development.md describes: dependencies run one way, from the
URLs down to the models, with no cycle; every module says what it holds; no module, class or
function outgrows what a reader takes in at once."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "registry", ROOT / "seminar", ROOT / "bench"]

# From the top down: a module may import its own part (the same package) and the layers below
# it, never one above. A module belongs to the longest prefix named here.
LAYERS = [
    ["registry.urls", "registry.apps"],
    [
        "registry.views",
        "registry.admin",
        "registry.management",
        "registry.portal",
        "registry.templatetags",
        "registry.desk",
    ],
    ["registry.forms"],
    [
        "registry.imports",
        "registry.filters",
        "registry.queries",
        "registry.statistics",
        "registry.attendance",
        "registry.certificates",
        "registry.retention",
        "registry.people",
        "registry.holdings",
    ],
    ["registry.pagination", "registry.checks"],
    [
        "registry.search",
        "registry.exports",
        "registry.opendata",
        "registry.schedule",
        "registry.caching",
        "registry.synthetic",
        "registry.letters",
        "registry.counts",
        "registry.anonymizing",
    ],
    ["registry.mail"],
    ["registry.sql", "registry.models"],
    ["registry.privacy", "registry.badges"],
    ["registry.tokens"],
]
PARTS = {prefix: depth for depth, layer in enumerate(LAYERS) for prefix in layer}

MODULE_LINES = 500
CLASS_LINES = 250
FUNCTION_LINES = 60


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def registry_modules():
    """Every module of the app but its migrations, by dotted name."""
    return {
        module_name(path): path
        for path in (ROOT / "registry").rglob("*.py")
        if "migrations" not in path.parts
    }


def imports_of(name, path, modules):
    """The registry's modules that ``name`` imports, anywhere in its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            package = node.module
            if node.level:  # a relative import
                base = name.split(".")[: -node.level if path.name != "__init__.py" else None]
                package = ".".join([*base[: len(base) - node.level + 1], node.module])
            for alias in node.names:
                child = f"{package}.{alias.name}"
                found.add(child if child in modules else package)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {module for module in found if module in modules and module != "registry"} - {name}


def part_of(module):
    prefix = max((p for p in PARTS if module == p or module.startswith(f"{p}.")), key=len)
    return prefix, PARTS[prefix]


MODULES = registry_modules()
GRAPH = {name: imports_of(name, path, MODULES) for name, path in MODULES.items()}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_a_module_imports_nothing_above_it(module):
    if module in {"registry", "registry.management", "registry.management.commands"}:
        return
    part, depth = part_of(module)

    upward = sorted(
        imported
        for imported in GRAPH[module]
        if part_of(imported)[0] != part and part_of(imported)[1] <= depth
    )

    assert upward == []


def test_no_module_imports_itself_in_a_circle():
    state, cycles = {}, []

    def visit(module, path):
        state[module] = "open"
        for imported in sorted(GRAPH[module]):
            # A package's __init__ gathering its modules is how it is imported, not a cycle.
            if module.startswith(f"{imported}.") or imported.startswith(f"{module}."):
                continue
            if state.get(imported) == "open":
                cycles.append([*path, imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])

    assert cycles == []


def python_files():
    return sorted(path for source in SOURCES for path in source.rglob("*.py"))


def test_every_module_says_what_it_holds():
    undocumented = [
        str(path.relative_to(ROOT))
        for path in python_files()
        if path.stat().st_size
        and "migrations" not in path.parts
        and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]

    assert undocumented == []


def test_no_module_class_or_function_outgrows_a_reading():
    too_long = []
    for path in [*python_files(), *sorted((ROOT / "tests").rglob("*.py"))]:
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        if len(text.splitlines()) > MODULE_LINES:
            too_long.append(f"{where}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            limit = {
                ast.ClassDef: CLASS_LINES,
                ast.FunctionDef: FUNCTION_LINES,
                ast.AsyncFunctionDef: FUNCTION_LINES,
            }.get(type(node))
            if limit and node.end_lineno - node.lineno + 1 > limit:
                too_long.append(f"{where}:{node.lineno} {node.name}")

    assert too_long == []
