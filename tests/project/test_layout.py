"""The suite's own layout: test modules sit in folders that mirror the code, and a test module
never imports another (what tests share is a fixture in a conftest.py or a helper in
tests/support/), so that a test file can be moved, split or deleted on its own."""
import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def modules():
    return sorted(p for p in TESTS.rglob("*.py") if "vendor" not in p.relative_to(TESTS).parts)


def is_test_module(name):
    return name.rsplit(".", 1)[-1].startswith("test_")


def imported_test_modules(path):
    """Every test module that ``path`` imports, as written in its import statements."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if is_test_module(alias.name)]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if is_test_module(module):
                found.append(module)
            else:  # from tests.api import test_read
                found += [f"{module}.{alias.name}" for alias in node.names if is_test_module(alias.name)]
    return found


def test_no_test_module_imports_another():
    offenders = {
        str(path.relative_to(TESTS)): imports
        for path in modules() if (imports := imported_test_modules(path))
    }
    assert offenders == {}, "move what they share into a conftest.py fixture or tests/support/"


def test_test_modules_sit_in_a_folder_named_after_what_they_test():
    assert sorted(p.name for p in TESTS.glob("test_*.py")) == []


def test_every_folder_is_a_package():
    """Modules of one name in two folders (api/test_read.py, …) need packages to coexist."""
    folders = {p.parent for p in modules()} - {TESTS}
    assert sorted(str(f.relative_to(TESTS)) for f in folders if not (f / "__init__.py").exists()) == []


def test_the_layout_test_sees_an_import_of_a_test_module(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from .test_read import x\nfrom tests.api import test_write\nimport tests.support.api\n")
    assert imported_test_modules(sample) == [".test_read", "tests.api.test_write"]
