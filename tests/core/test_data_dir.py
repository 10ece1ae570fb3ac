"""Which data folder: --data-dir, then INSPECTOR_HOME, then the folder chosen in Settings, then the platform's."""

import contextlib
import io
import json

import pytest

from inspector_app import cli
from inspector_app.core import paths


@pytest.fixture
def config(tmp_path, monkeypatch):
    """A private config folder and platform folder instead of the real user's."""
    folder = tmp_path / "config"
    monkeypatch.setattr(paths, "config_dir", lambda: folder)
    monkeypatch.setattr(paths, "platform_data_dir", lambda: tmp_path / "platform")
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    return folder


def test_the_folder_follows_the_argument_then_the_environment_then_the_choice_then_the_platform(
        tmp_path, config, monkeypatch):
    assert paths.AppPaths.at().data_dir == tmp_path / "platform"
    assert paths.data_dir_source() == "platform"
    chosen = paths.choose_data_dir(tmp_path / "chosen")
    assert chosen == (tmp_path / "chosen").resolve()
    assert json.loads((config / paths.POINTER_FILE).read_text(encoding="utf-8")) == {"data_dir": str(chosen)}
    assert paths.AppPaths.at().data_dir == chosen and paths.data_dir_source() == "chosen"
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env"))
    assert paths.AppPaths.at().data_dir == tmp_path / "env" and paths.data_dir_source() == "environment"
    given = tmp_path / "given"
    assert paths.AppPaths.at(given).data_dir == given.resolve() and paths.data_dir_source(given) == "argument"


@pytest.mark.parametrize("content", ["{not json", '{"data_dir": 5}', '["x"]', '{"data_dir": "  "}'])
def test_a_broken_pointer_file_never_blocks_a_start(tmp_path, config, content):
    config.mkdir()
    (config / paths.POINTER_FILE).write_text(content, encoding="utf-8")
    assert paths.chosen_data_dir() is None
    assert paths.default_data_dir() == tmp_path / "platform"


def test_the_command_line_uses_the_same_order(tmp_path, config, monkeypatch):
    chosen = paths.choose_data_dir(tmp_path / "chosen")

    def data_dir_of(*argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli.main([*argv, "init", "--json"]) == 0
        return json.loads(out.getvalue())["data_dir"]

    assert data_dir_of() == str(chosen)
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env"))
    assert data_dir_of() == str(tmp_path / "env")
    assert data_dir_of("--data-dir", str(tmp_path / "given")) == str((tmp_path / "given").resolve())
