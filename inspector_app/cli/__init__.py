"""The `inspector` command: one module per command group; the desktop app is its default.

`program` builds the parser and runs a command; `common` holds what every group
shares (output, the store, exit codes); `display` decides whether a desktop can
open. Command modules import the core inside their commands, so `inspector
--help` and the quick read commands load only what they use.
"""


def main(argv: list[str] | None = None) -> int:
    """Run one command (`argv` without the program name; default: sys.argv[1:])."""
    from .program import main as run
    return run(argv)
