"""Rows the community tests share: areas, a sub-committee with its meeting, a cafeteria, issues."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tsunagu.community import services
from tsunagu.community.models import ResourceKind, Theme
from tsunagu.network.models import Body
from tsunagu.testing.factories import (
    AreaFactory,
    DirectoryServiceFactory,
    MeetingFactory,
    OrganisationFactory,
)


def today() -> dt.date:
    return timezone.localdate()


def theme(code: str = "food") -> Theme:
    return Theme.objects.get(code=code)


def kind(code: str = "cafeteria") -> ResourceKind:
    return ResourceKind.objects.get(code=code)


def body_meeting(organiser, *, name: str = "美原", days_ago: int = 7):
    body, _created = Body.objects.get_or_create(office=organiser.office, name=name)
    meeting = MeetingFactory(
        organiser=organiser, kind="body", body=body, held_on=today() - dt.timedelta(days=days_ago)
    )
    return body, meeting


def cafeteria(actor, *, area=None, name: str = "みはらかがやき食堂", owner=None, themes=("food",)):
    owner = owner or OrganisationFactory(name=f"{name}実行委員会")
    service = DirectoryServiceFactory(organisation=owner, name=f"{name}（食事の提供）")
    fields = {
        "name": name, "kind": kind("cafeteria"), "area": area or AreaFactory(name="美原"), "owner": owner,
        "service": service, "themes": [theme(code) for code in themes], "schedule": "毎週土曜 11:00–14:00",
        "capacity": 40, "started_on": today() - dt.timedelta(days=365), "ended_on": None, "description": "",
    }  # fmt: skip
    return services.add_resource(actor=actor, fields=fields)


def issue(
    actor, *, area, code: str = "food", people: int = 12, meeting=None, title: str = "夕食をとれない子ども"
):
    fields = {
        "area": area, "theme": theme(code), "title": title, "description": "", "raised_on": today(),
        "meeting": meeting, "body": None, "people_touched": people,
    }  # fmt: skip
    return services.raise_issue(actor=actor, fields=fields)
