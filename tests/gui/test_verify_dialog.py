"""File → 核验执法文书…: paste an address or a code, or pick a PDF, and see the verdict with its warning."""

from pathlib import Path

import pytest
from factories import make_inspection
from gui_helpers import wait_idle
from PySide6.QtCore import Qt

from inspector_app.core import notices
from inspector_app.core.notices.address import verify_url
from inspector_app.gui import translations
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.verify_dialog import VerifyDialog

SHOTS = Path(__file__).resolve().parent.parent / "screenshots"
WARNING = {"zh_CN": "真实的核验码，但网址不是本区的核验网址，可能是仿冒网站",
           "en": "a genuine token, but the address is not the district's verification address: possibly a fake site"}
GENUINE = {"zh_CN": "真实有效", "en": "Genuine"}


@pytest.fixture
def printed(context):
    """An order notice printed from the store, as the notice dialog would."""
    with context.store.write() as session:
        inspection = make_inspection(session, context.basics, fail=["2.1"], finalize=True)
        return notices.issue(session, paths=context.paths, settings=context.settings, inspection_id=inspection.id,
                             kind="order", paper="a4")


def open_from_the_menu(qtbot, context) -> tuple[MainWindow, VerifyDialog]:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.verify_action.trigger()
    dialog = window.findChild(VerifyDialog, "verifyDialog")
    assert dialog is not None and dialog.isVisible()
    return window, dialog


def verify_typed(qtbot, context, dialog: VerifyDialog, text: str) -> None:
    dialog.input.clear()
    qtbot.keyClicks(dialog.input, text)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.verdict is None  # the last verdict is gone while the new one is worked out
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=10_000)
    wait_idle(qtbot, context)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_genuine_code_behind_another_address_is_shown_with_the_warning(qtbot, qapp, context, printed, language):
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        window, dialog = open_from_the_menu(qtbot, context)
        phished = verify_url("https://evil.example.com", printed.token)
        verify_typed(qtbot, context, dialog, phished)
        assert dialog.verdict.valid and dialog.verdict.foreign_address
        assert GENUINE[language] in dialog.headline.text()
        assert dialog.warning.isVisible() and WARNING[language] in dialog.warning.text()
        assert "evil.example.com" in dialog.warning.text()
        values = [label.text() for label in dialog.details.findChildren(type(dialog.headline), "verifyValue")]
        assert "张三餐馆" in " ".join(values) and printed.number in values
        dialog.resize(640, 520)
        qtbot.wait(50)
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / f"{language}-dialog-verify-foreign.png"))

        verify_typed(qtbot, context, dialog, printed.verify_url)  # the district's own address
        assert dialog.verdict.valid and not dialog.warning.isVisible()
        assert GENUINE[language] in dialog.headline.text()
        dialog.grab().save(str(SHOTS / f"{language}-dialog-verify.png"))
        window.close()
    finally:
        translations.install(qapp, "en", keep)


def test_a_changed_code_cannot_be_verified_and_says_why(qtbot, context, printed):
    window, dialog = open_from_the_menu(qtbot, context)
    changed = printed.token[:-8] + ("A" * 8 if not printed.token.endswith("A" * 8) else "B" * 8)
    verify_typed(qtbot, context, dialog, changed)
    assert not dialog.verdict.valid and "Cannot be verified" in dialog.headline.text()
    assert not dialog.warning.isVisible()
    assert "signature does not match" in " ".join(
        label.text() for label in dialog.details.findChildren(type(dialog.headline), "verifyValue"))
    window.close()


def test_a_pdf_is_read_for_its_qr_code(qtbot, context, printed, tmp_path):
    pdf = tmp_path / "order.pdf"
    pdf.write_bytes(notices.render(printed))
    window, dialog = open_from_the_menu(qtbot, context)
    dialog.verify(str(pdf))  # what choosing the file in the file dialog does
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=10_000)
    assert dialog.verdict.valid and dialog.verdict.to_dict()["address"]["own"] is True
    assert not dialog.warning.isVisible()
    wait_idle(qtbot, context)
    window.close()
