"""The inspections area of the message catalogue: every code raised while running an inspection has a
Chinese and an English sentence, both naming the same values."""

import ast
import string
from pathlib import Path

import pytest

from inspector_app.core.errors import ValidationError
from inspector_app.core.messages import catalogue, inspections

PACKAGE = Path(__file__).resolve().parents[2] / "inspector_app"
RAISING = ["core/inspections.py", "core/evidence.py", "core/signatures.py", "cli/inspections.py",
           "core/failure_marks.py"]


def raised_codes(path: Path) -> set[str]:
    """The codes passed to an error class (a name ending in Error, or NotFound) in one module."""
    codes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                (node.func.id.endswith("Error") or node.func.id == "NotFound") and node.args:
            first = node.args[0]
            assert isinstance(first, ast.Constant), f"{path.name}:{node.lineno}: raise a catalogue code"
            codes.add(first.value)
    return codes


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("module", RAISING)
def test_every_code_raised_is_in_the_catalogue(module):
    codes = raised_codes(PACKAGE / module)
    assert codes, module
    assert codes <= catalogue().keys(), sorted(codes - catalogue().keys())


def test_both_languages_name_the_same_values():
    for code, text in inspections.MESSAGES.items():
        assert placeholders(text.zh) == placeholders(text.en), code
        assert text.zh != text.en, code


def test_a_message_renders_its_values_in_the_language_asked():
    error = ValidationError("inspection.too_few_inspectors", field="inspector", need=2, given=1)
    assert error.message_in("zh") == "检查至少需要 2 名执法人员（第49号令第23条）；现有 1 名"
    assert error.message_in("en") == "an inspection needs at least 2 inspectors (Order 49 Art. 23); 1 given"
    shape = ValidationError("answers.shape").message_in("en")
    assert shape == 'the answers file must look like {"items": {"<item id>": {"answer": "pass"}}}'


def test_no_sentence_is_left_without_a_raise():
    raised = set().union(*(raised_codes(PACKAGE / module) for module in RAISING))
    assert set(inspections.MESSAGES) <= raised, sorted(set(inspections.MESSAGES) - raised)
