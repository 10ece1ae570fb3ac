"""Search as you type over a register of 100,000 establishments.

Building the register takes most of this file's time, so it is marked slow:
`pytest -m "not slow"` leaves it out while working, and scripts/test.sh runs it
every time, after the rest.
"""

import pytest

from inspector_app.core import demo, search_keys
from inspector_app.gui import app as gui_app
from inspector_app.gui.errors import show_error
from inspector_app.gui.establishments_page import EstablishmentsPage
from inspector_app.gui.runner import Runner
from inspector_app.gui.table_model import PLACEHOLDER

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    context = gui_app.build_context(folder)
    store = gui_app.open_context_store(context)
    demo.build(store, establishments=100_000, seed=7, history_limit=200)
    store.close()
    return folder


@pytest.fixture
def big(qapp, big_folder):
    context = gui_app.build_context(big_folder)
    gui_app.open_context_store(context)
    context.runner = Runner(context, show_error)
    yield context
    context.runner.shutdown()
    context.store.close()


def test_typing_narrows_a_hundred_thousand_rows_as_you_type(qtbot, big):
    page = EstablishmentsPage(big)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 100_000, timeout=30_000)
    counts = []
    for text in ("w", "wj", "wjc", "wjcg"):
        page.search.setText(text)
        qtbot.waitUntil(lambda: page._search_generation and big.runner.idle and not page._debounce.isActive(),
                        timeout=20_000)
        counts.append(page.model.rowCount())
    assert counts[0] > counts[1] > counts[3] > 0, counts
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 0)) != PLACEHOLDER, timeout=10_000)
    names = [page.model.data(page.model.index(i, 0)) for i in range(min(page.model.rowCount(), 20))]
    qtbot.waitUntil(lambda: all(page.model.data(page.model.index(i, 0)) != PLACEHOLDER
                                for i in range(len(names))), timeout=10_000)
    rows = [page.model.row_data(i) for i in range(len(names))]
    assert all("wjcg" in search_keys.haystack(name=r.name, licence=r.licence_no, credit_code=r.credit_code,
                                              extra=(r.address or "",)) for r in rows), [r.name for r in rows]
    page.table.scrollToBottom()
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 100_000 and big.runner.idle, timeout=20_000)
    last = page.model.index(99_999, 0)
    page.table.scrollTo(last)
    qtbot.waitUntil(lambda: page.model.data(last) != PLACEHOLDER, timeout=10_000)
    assert page.model.row_data(50_000) is None  # only rows that were shown were fetched
