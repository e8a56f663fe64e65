"""The floors of the code base (docs/architecture.md): an import may go down or sideways, never up.

- ground floor ``campaign``: the campaign's concepts; imports no package of the project;
- the 3D library ``models3d``: reusable outside the campaign; builds on the ground floor only;
- the apps: may use the ground floor, the 3D library and each other;
- the project layer (``cms``, ``campaign_site``): settings, URLs and commands that put the apps
  together; it may use everything, and nothing below may use it.

Every ``import`` in the source is read with ``ast`` (also those inside functions, which Python
only runs later), so an arrow that runs back up fails here, not in review.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GROUND = {"campaign"}
LIBRARY = {"models3d"}
APPS = {"twinit_pages", "workflows", "europeana", "locales", "teams", "ops"}
PROJECT = {"cms", "campaign_site"}

ALLOWED = {
    **{package: set() for package in GROUND},
    **{package: GROUND for package in LIBRARY},
    **{package: GROUND | LIBRARY | APPS for package in APPS},
    **{package: GROUND | LIBRARY | APPS | PROJECT for package in PROJECT},
}
OURS = set(ALLOWED)


def imported_packages(path):
    """(line, top-level package of ours) for every absolute import in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in OURS:
                yield node.lineno, top


def upward_imports(root=ROOT):
    found = []
    for package, allowed in sorted(ALLOWED.items()):
        for path in sorted((root / package).rglob("*.py")):
            for line, target in imported_packages(path):
                if target != package and target not in allowed:
                    found.append(f"{path.relative_to(root)}:{line} imports {target}")
    return found


def test_every_package_of_the_project_has_a_floor():
    """A new top-level package must be given its floor here before it can be imported."""
    packages = {
        path.parent.name for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "benchmarks", "scripts"}
    }
    assert packages == OURS - {name for name in OURS if not (ROOT / name).is_dir()}


def test_no_import_runs_back_up():
    assert upward_imports() == []


@pytest.mark.parametrize(
    ("package", "source", "expected"),
    [
        ("campaign", "from twinit_pages.models import MemberStatePage\n", ["twinit_pages"]),
        ("models3d", "def f():\n    from workflows import gate\n", ["workflows"]),
        ("europeana", "import cms.views\n", ["cms"]),
        ("europeana", "from campaign import roles\nfrom models3d import models\n", []),
    ],
)
def test_the_rule_catches_an_upward_import(tmp_path, package, source, expected):
    (tmp_path / package).mkdir()
    (tmp_path / package / "module.py").write_text(source)
    assert [line.rsplit(" ", 1)[1] for line in upward_imports(tmp_path)] == expected
