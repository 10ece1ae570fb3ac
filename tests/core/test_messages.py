"""One catalogue of error messages in Chinese and English: complete, consistent, and what the command line speaks.

Every InspectorError names a code of core/messages/ (dotted `area.what`); the
sentence is rendered when read, in the language of core/language.py. The scan
below reads the source with `ast`, so an English sentence passed where a code
belongs fails here rather than reaching a Chinese clerk untranslated.
"""

from __future__ import annotations

import ast
import json
import os
import re
import string
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import inspector_app
from inspector_app import cli
from inspector_app.core import language
from inspector_app.core.errors import NotFound, ValidationError
from inspector_app.core.identifiers import validate_uscc
from inspector_app.core.messages import AREAS, catalogue, render

PACKAGE = Path(inspector_app.__file__).parent
CODE = re.compile(r"[a-z_]+(\.[a-z0-9_]+)*")
CJK = re.compile(r"[\u4e00-\u9fff]")


# SyncRejected takes a reason, not a code: its message is bundle.<reason> (core/sync/errors.py).
CODE_PREFIX = {"SyncRejected": "bundle."}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


@cache
def _modules() -> dict[str, ast.Module]:
    return {path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"), str(path))
            for path in sorted(PACKAGE.rglob("*.py"))}


def _error_classes(trees: dict[str, ast.Module]) -> set[str]:
    """InspectorError and every class that derives from it, however deep."""
    defined = [node for tree in trees.values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    names, grew = {"InspectorError"}, True
    while grew:
        derived = {node.name for node in defined if any(_name(base) in names for base in node.bases)}
        grew = not derived <= names
        names |= derived
    return names


def _first_arguments(node: ast.expr):
    """The literal first arguments an error may get: both sides of `a if c else b`; f-strings as themselves."""
    if isinstance(node, ast.IfExp):
        yield from _first_arguments(node.body)
        yield from _first_arguments(node.orelse)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.JoinedStr):
        yield node


@cache
def raise_sites() -> list[tuple[str, int, str, ast.expr]]:
    """(module, line, class, first argument) for every literal first argument given to an error class."""
    trees = _modules()
    classes = _error_classes(trees)
    sites = []
    for module, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in classes and node.args:
                for argument in _first_arguments(node.args[0]):
                    sites.append((module, node.lineno, _name(node.func), argument))
    return sites


def _code(cls: str, argument: ast.expr) -> str | None:
    """The catalogue code a literal names, or None for an f-string."""
    if isinstance(argument, ast.JoinedStr):
        return None
    return CODE_PREFIX.get(cls, "") + argument.value


def test_both_languages_name_the_same_placeholders_and_chinese_is_written():
    assert len(AREAS) == len(set(AREAS))
    for code, text in catalogue().items():
        assert CODE.fullmatch(code), code
        assert placeholders(text.zh) == placeholders(text.en), code
        sample = {name: "X" for name in placeholders(text.en)}
        assert text.zh.format(**sample) and text.en.format(**sample), code
        assert code == "usage" or CJK.search(text.zh), f"{code}: no Chinese in {text.zh!r}"


def test_the_scan_finds_what_it_must():
    """The scan is not vacuous: it sees codes, conditional codes and SyncRejected reasons."""
    found = {(module, _code(cls, argument)) for module, _, cls, argument in raise_sites()}
    assert ("core/identifiers.py", "identifiers.uscc_check") in found
    assert ("core/areas.py", "areas.no_village") in found and ("core/areas.py", "areas.not_found") in found
    assert any(module.startswith("core/sync/") and code == "bundle.signature" for module, code in found)
    assert ("cli/common.py", "store.missing") in found


def test_no_english_sentence_is_raised_where_a_code_belongs():
    unknown = catalogue().keys()
    offenders = [f"{module}:{line}: {cls}({ast.unparse(argument)[:70]})"
                 for module, line, cls, argument in raise_sites()
                 if _code(cls, argument) not in unknown]
    assert not offenders, "raise with a catalogue code (core/messages/) instead:\n" + "\n".join(offenders)


def test_every_code_raised_is_in_the_catalogue():
    """Whatever looks like a code must be one."""
    missing = [f"{module}:{line}: {_code(cls, argument)}" for module, line, cls, argument in raise_sites()
               if _code(cls, argument) and CODE.fullmatch(_code(cls, argument))
               and _code(cls, argument) not in catalogue()]
    assert not missing, "codes raised but not in core/messages/:\n" + "\n".join(missing)


def test_every_sentence_the_command_line_says_is_in_the_catalogue():
    said = [(module, node.lineno, argument) for module, tree in _modules().items() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _name(node.func) == "say" and node.args
            for argument in _first_arguments(node.args[0])]
    assert len(said) > 20
    missing = [f"{module}:{line}: {ast.unparse(argument)}" for module, line, argument in said
               if not isinstance(argument, ast.Constant) or argument.value not in catalogue()]
    assert not missing, "say() needs a code of core/messages/cli.py:\n" + "\n".join(missing)


def test_an_error_reads_in_the_language_spoken_with_the_same_code_and_field():
    with pytest.raises(ValidationError) as info:
        validate_uscc("92140702MA0K2AX620")
    error = info.value
    assert error.code == "identifiers.uscc_check" and error.field == "credit_code"
    assert "check character should be M, not 0" in error.message
    language.use("zh")
    assert error.message == "统一社会信用代码 92140702MA0K2AX620：校验码应为 M，而不是 0；请对照证照重新输入"
    assert error.to_dict() == {"error": "invalid", "code": "identifiers.uscc_check", "message": error.message,
                               "field": "credit_code"}
    assert render("a code from a newer program", "zh", {}) == "a code from a newer program"


def test_the_catalogue_loads_only_when_a_message_is_read():
    code = ("import sys; from inspector_app.core.errors import NotFound; error = NotFound('users.no_user', id=7); "
            "before = 'inspector_app.core.messages' in sys.modules; text = error.message; "
            "print(before, 'inspector_app.core.messages' in sys.modules, text)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         encoding="utf-8").stdout.split()
    assert out[:2] == ["False", "True"] and "7" in out


def test_help_loads_neither_the_orm_nor_the_catalogue():
    code = ("import sys; from inspector_app.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('sqlalchemy', 'sqlmodel', 'inspector_app.core.messages') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         encoding="utf-8").stdout
    assert out.strip().splitlines()[-1] == "[]"


def _chinese_system() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return {**env, "LANG": "zh_CN.UTF-8"}


def test_the_command_line_speaks_chinese_on_a_chinese_system(tmp_path):
    command = [sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path / "empty"), "forms", "list"]
    text = subprocess.run(command, capture_output=True, env=_chinese_system(), encoding="utf-8")
    assert text.returncode == 1 and text.stdout == ""
    assert text.stderr.startswith("inspector: ") and "中没有数据库" in text.stderr and "inspector init" in text.stderr
    as_json = subprocess.run([*command, "--json"], capture_output=True, env=_chinese_system(), encoding="utf-8")
    error = json.loads(as_json.stderr)
    assert as_json.returncode == 1 and error["code"] == "store.missing" and error["error"] == "store_error"
    assert "没有数据库" in error["message"]


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_fixed_sentences_and_errors_follow_the_locale_and_json_stays_the_same(tmp_path, capsys, monkeypatch):
    data = ["--data-dir", str(tmp_path)]
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    code, out, _ = run([*data, "init"], capsys)
    assert code == 0 and out.startswith("数据库已就绪：") and "份检查表" in out
    assert run([*data, "establishments", "search", "不存在的店"], capsys)[:2] == (0, "（没有找到）\n")
    add = [*data, "establishments", "add", "--name", "张三餐馆", "--category", "catering", "--township", "无此镇"]
    code, out, err = run(add, capsys)
    assert code == 1 and out == "" and err == "inspector: 没有叫“无此镇”的乡镇；`inspector areas list` 可列出全部乡镇\n"
    zh = json.loads(run([*add, "--json"], capsys)[2])
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    en = json.loads(run([*add, "--json"], capsys)[2])
    assert {k: v for k, v in zh.items() if k != "message"} == {k: v for k, v in en.items() if k != "message"} \
        == {"error": "not_found", "code": "areas.no_township", "field": "township"}
    assert en["message"] == "no township called '无此镇'; `inspector areas list` shows them"
    assert run([*data, "establishments", "search", "不存在的店"], capsys)[:2] == (0, "(no match)\n")
    assert run([*data, "establishments", "search", "不存在的店", "--json"], capsys)[:2] == (0, "[]\n")


def test_a_refused_command_names_its_code_whatever_the_language(tmp_path, capsys, monkeypatch):
    """Scripts match codes, not sentences: the same refusal carries the same code in both languages."""
    data = ["--data-dir", str(tmp_path)]
    run([*data, "init"], capsys)
    argv = [*data, "users", "add", "--name", "李明", "--role", "inspector", "--credential", " ", "--json"]
    codes = []
    for locale in ("zh_CN.UTF-8", "C.UTF-8"):
        monkeypatch.setenv("LC_ALL", locale)
        code, _, err = run(argv, capsys)
        codes.append((code, json.loads(err)["code"], json.loads(err)["field"]))
    assert codes == [(1, "users.credential_required", "credential")] * 2
    assert NotFound("users.no_user", id="x").message_in("zh").startswith("没有编号为 x 的用户")
