"""What GUI tests share besides fixtures: the demo password, signed-in users, waiting for the runner."""

from factories import seed_basics

from inspector_app.core import users

PASSWORD = "secret-1"


def seed_basics_with_passwords(session):
    """seed_basics on a store that already has the district's areas (from open_context_store)."""
    basics = seed_basics(session, with_areas=False)
    for user_id in [*basics.inspector_ids, basics.clerk_id]:
        users.get(session, user_id).password_hash = users.hash_password(PASSWORD)
    return basics


def wait_idle(qtbot, context, timeout=10_000):
    qtbot.waitUntil(lambda: context.runner.idle, timeout=timeout)
