"""The layers hold: the spec layer loads no typesetting, every kind has both halves, and the
import contract (pyproject's [tool.importlinter]) is kept."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studypack.spec.questions import KINDS
from studypack.spec.sheets import SHEET_KINDS


def test_the_spec_layer_imports_neither_reportlab_nor_jinja2():
    code = ("import sys; import studypack.spec.model, studypack.content.validate, studypack.plan.lint, studypack.plan.documents; "
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'jinja2', 'PIL')); "
            "print(','.join(loaded))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
    # and the probe would see them if they were loaded
    done = subprocess.run([sys.executable, "-c", code.replace("studypack.plan.documents;", "studypack.views.composer;")],
                          capture_output=True, text=True, check=True)
    assert "reportlab" in done.stdout and "jinja2" in done.stdout


def test_every_kind_has_a_spec_and_a_view():
    from studypack.views.questions import VIEWS
    from studypack.views.sheets import SHEET_VIEWS

    assert set(VIEWS) == set(KINDS) and len(KINDS) >= 12
    assert set(SHEET_VIEWS) == set(SHEET_KINDS)
    for kind, view in VIEWS.items():
        assert callable(view.student) and callable(view.key), kind
    for name, module in KINDS.items():
        assert module.KIND == name and module.Model.model_fields["kind"].annotation.__args__ == (name,)
    for name, module in SHEET_KINDS.items():
        assert module.KIND == name and callable(SHEET_VIEWS[name].compose)


def test_every_question_kind_has_its_word_and_moodle_forms_or_says_why_not():
    """Each kind's folder holds spec, view, word and moodle; a form it lacks is `UNSUPPORTED = "why"`,
    never a missing module (which would make the export silently poorer)."""
    from studypack.base import registry

    for name, kind in registry.kinds("questions").items():
        assert kind.forms == set(registry.FORMS), (name, sorted(kind.forms))
        for form, entry in (("word", ("write", "split")), ("moodle", ("form", "split"))):
            module = kind.form(form)
            has = [e for e in entry if callable(getattr(module, e, None))]
            why = getattr(module, "UNSUPPORTED", None)
            assert bool(has) != bool(why), (name, form, has, why)
            assert why is None or (isinstance(why, str) and why.strip()), (name, form)
        moodle = kind.form("moodle")
        assert getattr(moodle, "UNSUPPORTED", None) or getattr(moodle, "TYPE", None), name
    for name, kind in registry.kinds("sheets").items():
        assert {"spec", "view"} <= kind.forms, name


def test_every_answer_space_kind_has_its_spec_view_and_word_form():
    """kinds/spaces/<kind>/ holds spec, view and word (Moodle has no working space: the question's
    own Moodle form says the unit), each with its entry point, the spec's Model tagged by the kind."""
    from studypack.base import registry
    from studypack.spec.spaces import SPACES
    from studypack.views.spaces import SPACE_VIEWS

    spaces = registry.kinds("spaces")
    assert {"lines", "box", "grid", "axes", "number-line"} <= set(spaces)
    assert set(SPACES) == set(SPACE_VIEWS) == set(spaces)
    for name, kind in spaces.items():
        assert kind.forms == {"spec", "view", "word"}, (name, sorted(kind.forms))
        spec = kind.form("spec")
        assert spec.KIND == name and spec.Model.model_fields["kind"].annotation.__args__ == (name,)
        assert callable(spec.check) and callable(kind.form("view").student) and callable(kind.form("word").write), name


def test_a_kinds_folder_starts_no_import_of_its_own():
    """`__init__.py` of a kind holds its docstring only, so loading its spec never loads its view."""
    root = Path(__file__).resolve().parent.parent / "studypack" / "kinds"
    inits = list(root.glob("*/*/__init__.py"))
    assert len(inits) >= 19
    for init in inits:
        body = ast.parse(init.read_text(encoding="utf-8")).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), init


def test_every_document_kind_the_plan_writes_has_a_view(example):
    from studypack.plan import documents as plan
    from studypack.views.documents import DOCUMENTS

    made = plan.make(example.pack, "show-trials", "output")
    assert {d.kind for d in made.documents} <= set(DOCUMENTS)
    assert {"sheets", "booklet", "reference", "key", "class-key"} == set(DOCUMENTS)


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed (pip install '.[dev]')")
def test_the_import_contract_is_kept():
    done = subprocess.run(["lint-imports"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_architecture_names_every_module_and_package():
    """ARCHITECTURE.md is where a newcomer looks for a module: one it never names is lost."""
    root = Path(__file__).resolve().parent.parent
    text = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = root / "studypack"
    names = {p.stem for p in package.glob("*/*.py") if not p.stem.startswith("_")
             and p.parent.name not in ("spec", "views", "export")}
    names |= {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    missing = sorted(name for name in names if f"`{name}`" not in text and f"`{name}/`" not in text)
    assert not missing, f"ARCHITECTURE.md does not name: {missing}"
    assert len(names) > 40  # the probe sees the package
