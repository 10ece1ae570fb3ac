"""What the read commands (core/reads, core/register_search) refuse themselves."""

from ..codes import Text

MESSAGES = {
    "search.limit_too_small": Text("--limit 至少为 1", "--limit must be at least 1"),
}
