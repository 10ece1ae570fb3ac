"""The domain: store, checklists, rules, notices and sync. Knows no Qt."""
