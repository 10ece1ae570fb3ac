"""What the read commands show, read with the standard library's sqlite3: no ORM, no pydantic.

Scripts run `establishments search`, `forms show`, `show inspection`,
`verify` and `sync status` hundreds of times; importing SQLAlchemy, SQLModel
and pydantic costs each run about a second, its queries a few milliseconds.
One module per concept, each taking a DB-API connection: the read-only one
from store.reading(), or the ORM session's own (store.dbapi()) where the
desktop and the ORM path share the same reads. Anything these modules cannot
answer (a store to migrate, an id that is not there) they leave to the ORM
path, which migrates the store or raises the error it deserves.
"""
