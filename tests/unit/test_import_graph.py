"""The layers' imports, followed through the package: spiders reach no pipeline, a pipeline reaches no other
pipeline, and generic extraction reaches no site module."""

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "newscrawl"


def module_file(name):
    """The file of a newscrawl module, or None (a name from outside, or a symbol)."""
    base = ROOT.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if name.startswith("newscrawl") and path.is_file():
            return path
    return None


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def direct_imports(path):
    """The newscrawl modules a file imports itself, relative imports resolved."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, (base, node.module)))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in names if module_file(name)}


def reached(path):
    """Every newscrawl module that importing this file imports, directly or through others."""
    seen, todo = set(), [path]
    while todo:
        for name in direct_imports(todo.pop()):
            parts = name.split(".")
            for end in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
                prefix = ".".join(parts[:end])
                if prefix not in seen and module_file(prefix):
                    seen.add(prefix)
                    todo.append(module_file(prefix))
    return seen


def modules_under(folder):
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_imports_are_followed_through_relative_and_package_imports():
    assert {"newscrawl.extraction", "newscrawl.extraction.article"} <= reached(PACKAGE / "extraction" / "__init__.py")
    assert "newscrawl.items" in reached(PACKAGE / "spiders" / "kyivindependent.py")


@pytest.mark.parametrize("path", modules_under("spiders"), ids=lambda path: path.name)
def test_spiders_reach_no_pipeline(path):
    assert not sorted(name for name in reached(path) if name.startswith("newscrawl.pipelines."))


@pytest.mark.parametrize("path", modules_under("pipelines"), ids=lambda path: path.name)
def test_a_pipeline_reaches_no_other_pipeline(path):
    own = module_name(path)
    assert not sorted(name for name in reached(path) if name.startswith("newscrawl.pipelines.") and name != own)


@pytest.mark.parametrize("path", modules_under("extraction"), ids=lambda path: path.name)
def test_generic_extraction_reaches_no_site_module_only_the_registry(path):
    assert not sorted(name for name in reached(path) if name.startswith("newscrawl.sites."))
