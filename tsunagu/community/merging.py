"""community's merge step (registered with tsunagu/people/merging.py): a duplicate's supporter roles go
to the record kept."""

from __future__ import annotations

from typing import Any

from tsunagu.community.models import SupporterRole


def move_supporter_roles_on_merge(*, keep, duplicate) -> dict[str, Any]:
    moved = SupporterRole.objects.filter(person=duplicate).update(person=keep)
    return {"supporter_roles": moved} if moved else {}
