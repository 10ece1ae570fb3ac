"""The results table counts inspections by purpose (检查类型) too, and the desk overview shows it;
records signed before the purpose was asked count as 未记录."""

import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for the shared world and factories

from factories import answer_all, finalize_signed  # noqa: E402
from sync_world import World  # noqa: E402

from inspector_app.central import figures  # noqa: E402
from inspector_app.core import catalog, codes, inspections  # noqa: E402

WHEN = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def test_results_by_purpose(tmp_path):
    world = World(tmp_path)
    try:
        laptop = world.laptop("a")
        eid = laptop.add_establishment(name="四号餐馆", township="渔阳镇")
        for purpose, fail in [("complaint", ()), ("complaint", ("2.1",)), ("random", ()), ("routine", ("3.1", "4.1"))]:
            with laptop.store.write() as s:
                insp = inspections.start(s, establishment_id=eid, checklist_id="catering", purpose=purpose,
                                         inspector_ids=laptop.inspectors[:2], started_at=WHEN)
                answer_all(s, insp.id, catalog.get(s, "catering"), fail=fail)
                finalize_signed(s, insp.id, blobs=laptop.paths.blobs, ended_at=WHEN)
        world.up(laptop)
        by = {(r[0], r[1]): r[2:6] for r in figures.results(world.central, year=2026).rows}
        label = {code: text.zh for code, text in codes.PURPOSES.items()}
        assert by[("检查类型", label["complaint"])] == [1, 1, 0, 2]
        assert by[("检查类型", label["random"])] == [1, 0, 0, 1]
        assert by[("检查类型", label["routine"])] == [0, 0, 1, 1]
        assert by[("检查类型", label["flying"])] == [0, 0, 0, 0]
        assert by[("合计", "全区")] == [2, 1, 1, 4]
    finally:
        world.close()
