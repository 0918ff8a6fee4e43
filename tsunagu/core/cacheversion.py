"""A version number in the shared cache (settings.CACHES: Redis when configured, so every worker reads the
same one) under which counts too costly to make on every page are kept for a while. A write that changes
what they count bumps the version once it commits, so every worker's next page counts afresh."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction


def current_version(key: str) -> int:
    """The version under `key`; one never used before when the key is missing (never set, or evicted), so
    counts kept under an earlier life's small numbers are never read again."""
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), None)  # add: another worker may have set it first
        version = cache.get(key, 0)
    return version


def bump_version(key: str) -> None:
    """Make every worker's next page count afresh. Call it only once the change is committed
    (bump_version_on_commit): bumped before, a request in between would count the old rows again and keep
    them under the new version."""
    try:
        cache.incr(key)
    except ValueError:  # missing: start from a version never used before
        if not cache.add(key, time.time_ns(), None):
            cache.incr(key)  # set in the meantime by a reader, maybe from the old rows


def bump_version_on_commit(key: str) -> None:
    """Bump when the transaction commits, and not at all when it rolls back. Robust: a cache that is down
    must not turn a saved change into an error page."""
    transaction.on_commit(lambda: bump_version(key), robust=True)
