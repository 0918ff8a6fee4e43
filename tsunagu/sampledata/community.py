"""The demo's community, written through the community services after the meetings (issues are raised in
the 部会's meetings): the areas of the 美原, 元町 and 音別 部会, a year of local issues raised at their monthly
meetings and matched to resources, both cafeterias with their weekly sessions, people once supported who
now volunteer, and 音別ふき蕗団 with its eight partners, their flows and a season of work."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import Case
from tsunagu.community import selectors, services
from tsunagu.community.models import FlowKind, PartnerRole, ResourceKind, SupporterKind, Theme
from tsunagu.network.models import Body, Meeting, MeetingKind
from tsunagu.organisations.models import Area, Office, Organisation, Service
from tsunagu.programs.models import ProgramHost
from tsunagu.sampledata.catalog import ONBETSU_FUKI
from tsunagu.sampledata.organisations import HUB_NAME

SEED = 14
BODY_AREAS = {"美原": "美原", "元町": "元町", "音別": "音別"}

# (name, kind code, area, owner, directory service name or "", themes, schedule, capacity, weekday of sessions)
RESOURCES = (
    ("みはらかがやき食堂", "cafeteria", "美原", "みはらかがやき食堂", "地域食堂", ("food", "isolation", "childcare"),
     "毎週火曜 11:30–13:30", 40, 1),
    ("お寺食堂", "cafeteria", "元町", "お寺食堂", "お寺食堂", ("food", "isolation"), "毎週土曜 11:00–13:00", 30, 5),
    ("元町ふれあいサロン", "place_to_be", "元町", "釧路市社会福祉協議会", "", ("isolation", "illness"),
     "毎週水曜 13:00–16:00", 15, None),
    ("美原 放課後学習スペース", "place_to_learn", "美原", HUB_NAME, "", ("school", "childcare"), "毎週月・木 16:00–18:00", 12,
     None),
    ("音別ふき蕗団の畑と加工場", "place_to_work", "音別", "音別ふき蕗団", "", ("work", "isolation"), "5月〜10月 火・金", 20,
     None),
)  # fmt: skip

ISSUES = {
    "美原": (("food", "夕食を一人でとる子どもが多い"), ("isolation", "団地の高齢単身世帯の孤立"),
             ("school", "放課後に勉強できる場所がない"), ("childcare", "ひとり親の就労時間と子どもの預け先")),
    "元町": (("isolation", "閉じこもりがちな高齢者への声かけ"), ("food", "月末に食事に困る世帯"),
             ("illness", "通院の付き添いがいない"), ("work", "短時間で働ける場がない")),
    "音別": (("transport", "冬季の移動手段がない"), ("work", "障がいのある人の働く場が少ない"),
             ("isolation", "若者の地域離れと引きこもり"), ("food", "買い物に行けない世帯")),
}  # fmt: skip

# 音別ふき蕗団: (organisation, role, what it does)
PARTNERS = (
    (HUB_NAME, PartnerRole.COORDINATION, "全体の調整・参加者の支援"),
    ("音別ふき蕗団", PartnerRole.PRODUCTION, "蕗の栽培と収穫"),
    ("おんべつ学園", PartnerRole.LABOUR, "労務の提供・障害者支援"),
    ("せっせ", PartnerRole.LABOUR, "支援相談員の派遣（作業の見守り）"),
    ("美警", PartnerRole.PROCESSING, "加工工場の稼働・加工商品の開発"),
    ("釧路市役所 庁内関係課", PartnerRole.FUNDING, "遊休地の提供と事業の後押し"),
    ("大地みらい信用金庫", PartnerRole.MANAGEMENT, "販路の新規開拓・経営の助言"),
    ("CLAPS creative", PartnerRole.SALES, "マーケティング・ブランディング"),
)
# (from, to, kind, what)
FLOWS = (
    ("音別ふき蕗団", "美警", FlowKind.GOODS, "収穫した蕗"),
    ("美警", "音別ふき蕗団", FlowKind.MONEY, "買取代金"),
    ("おんべつ学園", "音別ふき蕗団", FlowKind.PEOPLE, "作業する利用者"),
    (HUB_NAME, "音別ふき蕗団", FlowKind.PEOPLE, "支援を受ける参加者"),
    ("せっせ", "音別ふき蕗団", FlowKind.PEOPLE, "支援相談員"),
    ("音別ふき蕗団", "おんべつ学園", FlowKind.MONEY, "工賃"),
    ("釧路市役所 庁内関係課", HUB_NAME, FlowKind.MONEY, "委託費"),
    ("大地みらい信用金庫", "美警", FlowKind.KNOW_HOW, "販路と経営の助言"),
    ("CLAPS creative", "美警", FlowKind.KNOW_HOW, "商品デザイン"),
    (HUB_NAME, "せっせ", FlowKind.KNOW_HOW, "支援の方針"),
)
VOLUNTEERS = 8


def load_community(*, seed: int = SEED) -> dict[str, int]:
    """Write the demo's community; returns how many of each record."""
    rng = random.Random(seed)
    today = timezone.localdate()
    office = Office.objects.get(organisation__name=HUB_NAME, name="本所")
    actor = next(
        u
        for u in User.objects.filter(office=office, is_active=True).order_by("pk")
        if u.has_role("supervisor")
    )
    areas = Area.objects.in_bulk(field_name="name")
    bodies = {body.name: body for body in Body.objects.filter(name__in=BODY_AREAS)}
    for body_name, area_name in BODY_AREAS.items():
        if body_name in bodies:
            services.set_body_area(actor=actor, body=bodies[body_name], area=areas[area_name])
    resources = _resources(actor, areas, today)
    sessions = _sessions(actor, resources, today, rng)
    issues, matches = _issues(actor, bodies, areas, today, rng)
    volunteers = _volunteers(resources, today, rng)
    days = _project(actor, areas, resources, today, rng)
    return {
        "resources": len(resources), "sessions": sessions, "issues": issues, "matches": matches,
        "volunteers": volunteers, "work_days": days,
    }  # fmt: skip


def _resources(actor: User, areas: dict, today: dt.date) -> dict:
    found = {}
    organisations = Organisation.objects.in_bulk(field_name="name")
    for name, kind, area, owner, service, themes, schedule, capacity, weekday in RESOURCES:
        owner_row = organisations[owner]
        fields = {
            "name": name, "kind": ResourceKind.objects.get(code=kind), "area": areas[area], "owner": owner_row,
            "service": Service.objects.filter(organisation=owner_row, name=service).first() if service else None,
            "themes": list(Theme.objects.filter(code__in=themes)), "schedule": schedule, "capacity": capacity,
            "started_on": today - dt.timedelta(days=3 * 365), "ended_on": None, "description": "",
        }  # fmt: skip
        found[name] = (services.add_resource(actor=actor, fields=fields), weekday)
    return found


def _sessions(actor: User, resources: dict, today: dt.date, rng: random.Random) -> int:
    """Each cafeteria's weekly sessions over the last year, with a summer break of two weeks."""
    count = 0
    for resource, weekday in resources.values():
        if weekday is None:
            continue
        day = today - dt.timedelta(days=364)
        day += dt.timedelta(days=(weekday - day.weekday()) % 7)
        while day <= today:
            if not (day.month == 8 and day.day <= 14):
                children, adults = rng.randint(8, 26), rng.randint(6, 20)
                fields = {
                    "held_on": day, "meals": children + adults + rng.randint(0, 4), "children": children,
                    "adults": adults, "volunteers": rng.randint(4, 9), "note": "",
                }  # fmt: skip
                services.record_resource_session(actor=actor, resource=resource, fields=fields)
                count += 1
            day += dt.timedelta(days=7)
    return count


def _issues(actor: User, bodies: dict, areas: dict, today: dt.date, rng: random.Random) -> tuple[int, int]:
    """At most one issue a month per 部会, raised at its meeting; most are matched to a resource later."""
    raised = matched = 0
    themes = Theme.objects.in_bulk(field_name="code")
    for name, body in bodies.items():
        meetings = Meeting.objects.filter(kind=MeetingKind.BODY, body=body, held_on__lte=today).order_by(
            "held_on"
        )
        for meeting in meetings:
            if rng.random() < 0.3:
                continue
            code, title = rng.choice(ISSUES[name])
            fields = {
                "area": areas[BODY_AREAS[name]], "theme": themes[code], "title": title, "description": "",
                "raised_on": meeting.held_on, "meeting": meeting, "body": None, "people_touched": rng.randint(2, 40),
            }  # fmt: skip
            issue = services.raise_issue(actor=actor, fields=fields)
            raised += 1
            suggestions = selectors.suggestions(issue)
            if suggestions and rng.random() < 0.6 and meeting.held_on < today:
                on = min(today, meeting.held_on + dt.timedelta(days=rng.randint(7, 40)))
                services.match_issue(
                    actor=actor,
                    issue=issue,
                    fields={"resource": suggestions[0].resource, "confirmed_on": on, "note": ""},
                )
                matched += 1
    return raised, matched


def _volunteers(resources: dict, today: dt.date, rng: random.Random) -> int:
    """People once supported who now volunteer at a cafeteria, recorded by their case's worker."""
    cafeterias = [resource for resource, weekday in resources.values() if weekday is not None]
    cases = list(
        Case.objects.filter(intake_date__lte=today - dt.timedelta(days=120), worker__isnull=False)
        .select_related("person", "worker")
        .order_by("pk")[:200]
    )
    count = 0
    for case in rng.sample(cases, min(VOLUNTEERS, len(cases))):
        if not case.worker.has_perm("people.work_on_person", case.person):
            continue
        start = case.intake_date + dt.timedelta(
            days=rng.randint(90, max(91, (today - case.intake_date).days - 1))
        )
        fields = {
            "kind": SupporterKind.CAFETERIA_VOLUNTEER,
            "resource": rng.choice(cafeterias),
            "started_on": min(start, today),
        }
        services.add_supporter_role(actor=case.worker, person=case.person, fields=fields)
        count += 1
    return count


def _season(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last harvest season (May to October) that has begun."""
    year = today.year if today >= dt.date(today.year, 5, 1) else today.year - 1
    return dt.date(year, 5, 1), min(today, dt.date(year, 10, 31))


def _project(actor: User, areas: dict, resources: dict, today: dt.date, rng: random.Random) -> int:
    organisations = Organisation.objects.in_bulk(field_name="name")
    host = ProgramHost.objects.filter(program__name=ONBETSU_FUKI).first()
    start, end = _season(today)
    project = services.create_project(
        actor=actor,
        fields={
            "name": ONBETSU_FUKI, "area": areas["音別"], "resource": resources["音別ふき蕗団の畑と加工場"][0],
            "host": host, "output_label": "蕗", "started_on": start.replace(year=start.year - 2),
            "description": "蕗の栽培・収穫・加工を通して、障がいのある人、支援を受ける人、地域の人が一緒に働く。",
        },
    )  # fmt: skip
    for name, role, note in PARTNERS:
        services.add_partner(
            actor=actor,
            project=project,
            fields={"organisation": organisations[name], "role": role, "note": note},
        )
    for source, target, kind, label in FLOWS:
        fields = {
            "source": organisations[source],
            "target": organisations[target],
            "kind": kind,
            "label": label,
        }
        services.add_flow(actor=actor, project=project, fields=fields)
    days = 0
    day = start
    while day <= end:
        if day.weekday() in (1, 4):
            harvest = day.month in (5, 6)  # 蕗 is cut in May and June; the rest of the season is processing
            fields = {
                "worked_on": day, "workers": rng.randint(6, 14), "hours": Decimal(rng.choice((3, 4, 5))),
                "output_kg": Decimal(rng.randint(60, 180)) if harvest else Decimal(0),
                "note": "収穫" if harvest else "加工・畑の手入れ",
            }  # fmt: skip
            services.record_work_day(actor=actor, project=project, fields=fields)
            days += 1
        day += dt.timedelta(days=1)
    return days
