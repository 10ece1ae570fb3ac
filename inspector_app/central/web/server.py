"""`inspector central serve`: uvicorn over the app, one or more worker processes.

Workers are separate processes, each with its own connection pool; several
servers (on one machine or many) may share one PostgreSQL database, because
every write the import makes is a transaction that tolerates a concurrent one
(docs/sync-protocol.md §8).
"""

from __future__ import annotations

import os
from pathlib import Path

from .app import ENV_DATA_DIR, ENV_DB


def serve(data_dir: Path, db: str | None, *, host: str, port: int, workers: int = 1) -> None:
    import uvicorn
    os.environ[ENV_DATA_DIR] = str(Path(data_dir).resolve())
    if db:
        os.environ[ENV_DB] = db
    uvicorn.run(f"{__package__}.app:from_environment", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
                server_header=False, log_level="info")
