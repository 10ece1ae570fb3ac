"""SQL-level guarantees the store keeps even against code that forgets them.

A finalized inspection, its answers, inspectors and evidence cannot change,
the audit log cannot be rewritten, an issued notice and its number never
change, and a rectification order keeps what it was issued with while its
status only moves forward (core/orders.py TRANSITIONS). Plain SQL on the
store file is refused like any other writer. Migrations call install() after
every batch-mode table rebuild, since SQLite drops triggers with the old table.
"""

FINALIZED = "inspection is finalized and cannot change; start an amendment instead"
NOTICE_ISSUED = "an issued notice never changes and is never deleted"
SEQUENCE_FORWARD = "a notice number sequence only counts up and is never deleted"
ORDER_FIXED = ("a rectification order keeps its number, inspection, establishment, deadline and failed items "
               "once issued, and is never deleted")
ORDER_STATUS = ("the status of a rectification order only moves forward: issued, overdue, escalated, verified, "
                "closed; cancelled")

_CHILD_TABLES = ("answer", "inspection_inspector", "evidence", "signature_refusal")


def _child_guards(table: str) -> list[str]:
    parent = "(SELECT status FROM inspection WHERE id = {row}.inspection_id) = 'finalized'"
    return [
        f"""CREATE TRIGGER {table}_frozen_insert BEFORE INSERT ON {table}
            WHEN {parent.format(row='NEW')}
            BEGIN SELECT RAISE(ABORT, '{FINALIZED}'); END""",
        f"""CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}
            WHEN {parent.format(row='OLD')} OR {parent.format(row='NEW')}
            BEGIN SELECT RAISE(ABORT, '{FINALIZED}'); END""",
        f"""CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table}
            WHEN {parent.format(row='OLD')}
            BEGIN SELECT RAISE(ABORT, '{FINALIZED}'); END""",
    ]


def statements() -> dict[str, str]:
    """name → CREATE TRIGGER statement, for every guard and search index trigger."""
    ddl = [
        f"""CREATE TRIGGER inspection_frozen_update BEFORE UPDATE ON inspection
            WHEN OLD.status = 'finalized'
            BEGIN SELECT RAISE(ABORT, '{FINALIZED}'); END""",
        f"""CREATE TRIGGER inspection_frozen_delete BEFORE DELETE ON inspection
            WHEN OLD.status = 'finalized'
            BEGIN SELECT RAISE(ABORT, '{FINALIZED}'); END""",
        """CREATE TRIGGER inspection_finalize_needs_result BEFORE UPDATE OF status ON inspection
            WHEN NEW.status = 'finalized' AND (NEW.result IS NULL OR NEW.handling IS NULL
                 OR NEW.content_sha256 IS NULL OR NEW.finalized_at IS NULL)
            BEGIN SELECT RAISE(ABORT, 'an inspection is finalized only with its result, handling and hash'); END""",
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    ]
    for table in _CHILD_TABLES:
        ddl += _child_guards(table)
    ddl += _notice_guards() + _order_guards()
    ddl += _search_index_triggers()
    return {stmt.split()[2]: stmt for stmt in ddl}


def _notice_guards() -> list[str]:
    """A notice row is what was printed: its number, token, kind, inspection and issue data stay."""
    return [
        f"""CREATE TRIGGER notice_no_update BEFORE UPDATE ON notice
            BEGIN SELECT RAISE(ABORT, '{NOTICE_ISSUED}'); END""",
        f"""CREATE TRIGGER notice_no_delete BEFORE DELETE ON notice
            BEGIN SELECT RAISE(ABORT, '{NOTICE_ISSUED}'); END""",
        f"""CREATE TRIGGER notice_sequence_forward BEFORE UPDATE ON notice_sequence
            WHEN NEW.last < OLD.last OR NEW.series IS NOT OLD.series OR NEW.year IS NOT OLD.year
                 OR NEW.device_id IS NOT OLD.device_id
            BEGIN SELECT RAISE(ABORT, '{SEQUENCE_FORWARD}'); END""",
        f"""CREATE TRIGGER notice_sequence_no_delete BEFORE DELETE ON notice_sequence
            BEGIN SELECT RAISE(ABORT, '{SEQUENCE_FORWARD}'); END""",
    ]


def _order_guards() -> list[str]:
    """What an order was issued with stays; the number and the re-inspection are set once (NULL → value)."""
    from .orders import TRANSITIONS
    lawful = " OR ".join(
        f"(OLD.status = '{old}' AND NEW.status IN ({', '.join(repr(new) for new in targets)}))"
        for old, targets in TRANSITIONS.items() if targets)
    statuses = ", ".join(repr(status) for status in TRANSITIONS)
    fixed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in
                        ("id", "inspection_id", "establishment_id", "deadline", "failed_items", "item_deadlines",
                         "created_at"))
    once = " OR ".join(f"(OLD.{column} IS NOT NULL AND NEW.{column} IS NOT OLD.{column})"
                       for column in ("number", "reinspection_id"))
    return [
        f"""CREATE TRIGGER rectification_order_fixed BEFORE UPDATE ON rectification_order
            WHEN {fixed} OR {once}
            BEGIN SELECT RAISE(ABORT, '{ORDER_FIXED}'); END""",
        f"""CREATE TRIGGER rectification_order_status BEFORE UPDATE ON rectification_order
            WHEN NEW.status IS NOT OLD.status AND NOT ({lawful})
            BEGIN SELECT RAISE(ABORT, '{ORDER_STATUS}'); END""",
        f"""CREATE TRIGGER rectification_order_known_status BEFORE INSERT ON rectification_order
            WHEN NEW.status IS NULL OR NEW.status NOT IN ({statuses})
            BEGIN SELECT RAISE(ABORT, '{ORDER_STATUS}'); END""",
        f"""CREATE TRIGGER rectification_order_no_delete BEFORE DELETE ON rectification_order
            BEGIN SELECT RAISE(ABORT, '{ORDER_FIXED}'); END""",
    ]


def _search_index_triggers() -> list[str]:
    """Keep the two FTS5 indexes in step with establishment_search (external content)."""
    out = []
    for fts, column in (("establishment_fts", "haystack"), ("establishment_grams", "grams")):
        out += [
            f"""CREATE TRIGGER {fts}_ai AFTER INSERT ON establishment_search BEGIN
                INSERT INTO {fts}(rowid, {column}) VALUES (NEW.id, NEW.{column}); END""",
            f"""CREATE TRIGGER {fts}_ad AFTER DELETE ON establishment_search BEGIN
                INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', OLD.id, OLD.{column}); END""",
            f"""CREATE TRIGGER {fts}_au AFTER UPDATE ON establishment_search BEGIN
                INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', OLD.id, OLD.{column});
                INSERT INTO {fts}(rowid, {column}) VALUES (NEW.id, NEW.{column}); END""",
        ]
    return out


SEARCH_TABLES = {
    "establishment_fts": """CREATE VIRTUAL TABLE establishment_fts USING fts5(
        haystack, content='establishment_search', content_rowid='id', tokenize='trigram')""",
    "establishment_grams": """CREATE VIRTUAL TABLE establishment_grams USING fts5(
        grams, content='establishment_search', content_rowid='id', tokenize='unicode61', detail='none')""",
}


def _table_of(ddl: str) -> str:
    words = ddl.split()
    return words[words.index("ON") + 1]


def install(connection) -> None:
    """(Re)create every trigger whose table exists; safe to repeat.

    Migrations call it after creating or rebuilding tables; a trigger for a
    table a later migration creates is installed by that migration.
    """
    tables = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name, ddl in statements().items():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        if _table_of(ddl) in tables:
            connection.exec_driver_sql(ddl)
