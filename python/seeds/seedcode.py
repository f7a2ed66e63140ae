"""What every seed module shares: which of the seed's lines a run keeps as written.

A seed module keeps the seed's lines as they were posted and applies a catalogue fixture's fix only where
`fixed(NAME)` is true (each such place is marked '# FIX BP-..'). A run names the lines it keeps as written; all other
fixes the module knows are applied, so the seed variant of a fixture differs from its fixed twin in one line only.
"""

_as_written = frozenset()


def begin(as_written, known):
    """Starts a run that keeps `as_written` as the seed wrote it; refuses names the module does not know."""
    global _as_written
    unknown = set(as_written) - set(known)
    if unknown:
        raise ValueError("not a line of this seed's code: %s (known: %s)" % (sorted(unknown), sorted(known)))
    _as_written = frozenset(as_written)


def written(name):
    """Whether the seed's line `name` runs as the seed wrote it."""
    return name in _as_written


def fixed(name):
    """Whether the seed's line `name` runs with its fix."""
    return name not in _as_written
