"""The demo's meetings, written through the network services after the caseload (meetings are the
office's, not one person's story, so they are no chapter): the 部会 and their members, a 支援調整会議 on
each Wednesday the stories approved plans at over the last year, with those cases on its agenda and the
approvals in its decisions; each body's monthly 部会 with minutes; a quarterly 支援会議; and today's
支援調整会議 with the plans still waiting on its agenda, for the supervisor to approve at once."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import ApprovalMethod, Case, CaseStatus, Plan, PlanStatus
from tsunagu.network import services
from tsunagu.network.models import Body, Meeting, MeetingKind
from tsunagu.organisations.models import Contact, Office, Organisation
from tsunagu.organisations.services import add_contact
from tsunagu.sampledata.organisations import CITY_WELFARE_OFFICE, HUB_NAME

SEED = 13
MONTHS = 12

# (organisation, contact name, department): outside attendees, who have no login.
CONTACTS = (
    (CITY_WELFARE_OFFICE, "生活 福美", "生活困窮者自立支援担当"),
    ("釧路市地域包括支援センター", "包括 和子", "社会福祉士"),
    ("ハローワーク釧路", "職安 進", "就労支援ナビゲーター"),
    ("釧路市社会福祉協議会", "社協 太一", "地域福祉係"),
)

# 部会: (name, outside members by organisation, themes of the minutes)
BODIES = (
    ("美原", ("釧路市社会福祉協議会",), ("みはらかがやき食堂の運営と参加者の広がり", "町内会と見守りの協力")),
    ("元町", ("釧路市地域包括支援センター",), ("お寺食堂の開催日程", "高齢世帯の孤立と声かけ")),
    ("音別", ("釧路市社会福祉協議会",), ("音別ふき蕗団の収穫と加工の段取り", "冬季の移動手段")),
    (
        "就労支援",
        ("ハローワーク釧路",),
        ("受入企業の開拓と職場体験の振り返り", "短時間就労の求人の掘り起こし"),
    ),
)

ACTIONS = (
    "モニタリングの日程を本人と調整する",
    "関係機関へ支援方針を共有する",
    "家計の状況を再確認する",
    "就労体験先との面談を設定する",
)


def load_meetings() -> dict[str, int]:
    """Write the demo's meetings; returns how many of each kind."""
    today = timezone.localdate()
    office = Office.objects.get(organisation__name=HUB_NAME, name="本所")
    staff = list(User.objects.filter(office=office, is_active=True).order_by("pk"))
    supervisor = next(u for u in staff if u.has_role("supervisor"))
    workers = [u for u in staff if u.role_codes & {"consultation_worker", "employment_worker"}]
    contacts = _contacts()
    bodies = _bodies(supervisor, workers, contacts)
    rng = random.Random(SEED)
    counts: dict[str, int] = defaultdict(int)
    since = today - dt.timedelta(days=MONTHS * 30)
    counts["coordination"] = _coordination_history(office, supervisor, workers, contacts, since, today, rng)
    counts["coordination"] += _quiet_months(office, supervisor, workers, contacts, since, today)
    counts["body"] = _body_meetings(bodies, supervisor, since, today, rng)
    counts["support_council"] = _support_councils(office, supervisor, workers, contacts, since, today)
    counts["coordination"] += _todays_coordination(office, supervisor, workers, contacts, today)
    return dict(counts)


def _contacts() -> dict[str, Contact]:
    admin = User.objects.filter(groups__name="administrator").order_by("pk").first()
    found = {}
    for organisation_name, name, department in CONTACTS:
        organisation = Organisation.objects.get(name=organisation_name)
        contact = Contact.objects.filter(organisation=organisation, name=name).first()
        found[organisation_name] = contact or add_contact(
            organisation=organisation, actor=admin, name=name, department=department
        )
    return found


def _bodies(supervisor: User, workers: list[User], contacts: dict[str, Contact]) -> list[Body]:
    bodies = []
    for order, (name, outside, _themes) in enumerate(BODIES):
        bodies.append(
            services.save_body(
                actor=supervisor,
                fields={"name": name, "sort_order": order, "is_active": True},
                members=[supervisor, *workers],
                outside_members=[contacts[o] for o in outside],
            )
        )
    return bodies


def _attend_all(meeting, supervisor: User, users: list[User], contacts: list[Contact]) -> None:
    for user in users:
        if user.pk != meeting.organiser_id:
            services.add_attendee(actor=supervisor, meeting=meeting, user=user)
    for contact in contacts:
        services.add_attendee(actor=supervisor, meeting=meeting, contact=contact)


def _coordination_history(office, supervisor, workers, contacts, since, today, rng) -> int:
    """One 支援調整会議 per Wednesday the stories' plans were approved at: their cases on the agenda and
    the approvals recorded in words (the plans themselves were approved by the caseload's writer)."""
    approved = (
        Plan.objects.filter(
            case__office=office, approval_method=ApprovalMethod.MEETING, meeting_date__gte=since,
            meeting_date__lte=today,
        )
        .select_related("case", "case__worker")
        .order_by("meeting_date", "pk")
    )  # fmt: skip
    by_day: dict[dt.date, list[Plan]] = defaultdict(list)
    for plan in approved:
        by_day[plan.meeting_date].append(plan)
    city = contacts[CITY_WELFARE_OFFICE]
    for day, plans in by_day.items():
        meeting = services.create_meeting(
            actor=supervisor, fields={"kind": MeetingKind.COORDINATION, "body": None, "held_on": day,
                                      "place": "本所 会議室"},
            attendees=[supervisor, *workers], contacts=[city],
        )  # fmt: skip
        cases = list({plan.case_id: plan.case for plan in plans}.values())
        services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=cases)
        for plan in plans:
            services.record_decision(
                actor=supervisor, meeting=meeting, case=plan.case,
                text=_approval_text(plan),
            )  # fmt: skip
        case = rng.choice(cases)
        owner = case.worker if case.worker in workers else rng.choice(workers)
        due = day + dt.timedelta(days=14)
        action = services.add_action_item(
            actor=supervisor, meeting=meeting,
            fields={"text": rng.choice(ACTIONS), "owner": owner, "due_on": due, "case": case},
        )  # fmt: skip
        if due < today:
            services.complete_action(actor=owner, action=action, done_on=min(due, today))
        services.update_minutes(
            actor=supervisor, meeting=meeting, edit_version=meeting.edit_version,
            fields={"place": meeting.place, "minutes": _coordination_minutes(len(plans))},
        )  # fmt: skip
    return len(by_day)


def _quiet_months(office, supervisor, workers, contacts, since, today) -> int:
    """A month whose plans were all approved by the supervisor still has its 支援調整会議 (the second
    Wednesday), where the continuing cases are reviewed."""
    held = {
        (day.year, day.month)
        for day in Meeting.objects.filter(office=office, kind=MeetingKind.COORDINATION).values_list(
            "held_on", flat=True
        )
    }
    written = 0
    for month in range(MONTHS + 1):
        start = _add_months(since.replace(day=1), month)
        day = start + dt.timedelta(days=(2 - start.weekday()) % 7 + 7)  # the second Wednesday
        if (day.year, day.month) in held or day < since or day >= today:
            continue
        meeting = services.create_meeting(
            actor=supervisor, fields={"kind": MeetingKind.COORDINATION, "body": None, "held_on": day,
                                      "place": "本所 会議室"},
            attendees=[supervisor, *workers], contacts=[contacts[CITY_WELFARE_OFFICE]],
        )  # fmt: skip
        services.update_minutes(
            actor=supervisor, meeting=meeting, edit_version=meeting.edit_version,
            fields={"place": meeting.place, "minutes": "今月は新たに提出されたプランはなかった。\n継続ケースの支援状況を確認した。"},
        )  # fmt: skip
        written += 1
    return written


def _approval_text(plan: Plan) -> str:
    services_applied = "、".join(str(label) for label in plan.statutory_service_labels())
    return f"プラン第{plan.version}版を承認（{services_applied or '法定事業の利用なし'}）"


def _coordination_minutes(plans: int) -> str:
    return (
        f"1. 提出されたプラン{plans}件について、担当者から本人の状況と支援方針の説明があった。\n"
        "2. 各プランの目標と支援内容を確認し、承認した。\n"
        "3. 法定事業の利用については市の支援決定を待って開始する。\n"
        "4. 次回のモニタリング時期を確認した。"
    )


def _body_meetings(bodies: list[Body], supervisor: User, since, today, rng) -> int:
    """Each 部会 once a month (its members attend), minutes on the area's issues and resources."""
    themes = {name: topics for name, _outside, topics in BODIES}
    written = 0
    first = since.replace(day=1)
    for month in range(MONTHS + 1):
        start = _add_months(first, month)
        for offset, body in enumerate(bodies):
            day = start + dt.timedelta(days=7 + offset * 5)
            if day < since or day > today:
                continue
            meeting = services.create_meeting(
                actor=supervisor, fields={"kind": MeetingKind.BODY, "body": body, "held_on": day,
                                          "place": f"{body.name} 地区会館" if body.name != "就労支援" else "本所 会議室"},
            )  # fmt: skip
            topic = rng.choice(themes[body.name])
            services.update_minutes(
                actor=supervisor, meeting=meeting, edit_version=meeting.edit_version,
                fields={"place": meeting.place, "minutes": (
                    f"議題：{topic}\n"
                    "1. 前回からの取組状況を各構成員から報告した。\n"
                    "2. 地域の課題と使える資源を出し合い、一覧に加えた。\n"
                    "3. 次回までに協力先へ声をかけることを確認した。"
                )},
            )  # fmt: skip
            written += 1
    return written


def _support_councils(office, supervisor, workers, contacts, since, today) -> int:
    """A 支援会議 each quarter: every attendee acknowledges the duty of confidentiality, then two open
    cases go on its list (the basis on which the members share their information)."""
    open_cases = list(
        Case.objects.filter(
            office=office, status__in=(CaseStatus.SUPPORT, CaseStatus.PLANNING, CaseStatus.ASSESSMENT)
        )
        .order_by("intake_date", "pk")
        .select_related("worker")
    )
    written = 0
    for quarter in range(MONTHS // 3):
        day = since + dt.timedelta(days=45 + quarter * 91)
        cases = [c for c in open_cases if c.intake_date <= day][quarter * 2 : quarter * 2 + 2]
        if day > today or not cases:
            continue
        outside = [contacts["釧路市地域包括支援センター"], contacts["釧路市社会福祉協議会"]]
        meeting = services.create_meeting(
            actor=supervisor, fields={"kind": MeetingKind.SUPPORT_COUNCIL, "body": None, "held_on": day,
                                      "place": "本所 相談室"},
            attendees=[supervisor, *workers], contacts=outside,
        )  # fmt: skip
        for attendee in meeting.attendees.select_related("user"):
            actor = attendee.user if attendee.user_id else supervisor
            services.acknowledge_confidentiality(actor=actor, meeting=meeting, attendee=attendee)
        services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=cases)
        for case in cases:
            services.record_decision(
                actor=supervisor, meeting=meeting, case=case,
                text="地域での見守りの分担を確認し、状況の変化は担当者へ連絡することとした。",
            )  # fmt: skip
        services.update_minutes(
            actor=supervisor, meeting=meeting, edit_version=meeting.edit_version,
            fields={"place": meeting.place, "minutes": (
                "出席者全員が守秘義務を確認した。\n1. 各事例について関係機関が把握している状況を共有した。\n"
                "2. 見守りと声かけの役割分担を決めた。"
            )},
        )  # fmt: skip
        written += 1
    return written


def _todays_coordination(office, supervisor, workers, contacts, today) -> int:
    """Today's 支援調整会議 with the plans still waiting on its agenda: the supervisor approves them there."""
    waiting = list(
        Case.objects.filter(office=office, plans__status=PlanStatus.SUBMITTED).distinct().order_by("pk")
    )
    meeting = services.create_meeting(
        actor=supervisor, fields={"kind": MeetingKind.COORDINATION, "body": None, "held_on": today,
                                  "place": "本所 会議室"},
        attendees=[supervisor, *workers], contacts=[contacts[CITY_WELFARE_OFFICE]],
    )  # fmt: skip
    if waiting:
        services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=waiting)
        # An open action from today's meeting, so that a worker's caseload always shows one.
        case = waiting[0]
        services.add_action_item(
            actor=supervisor, meeting=meeting,
            fields={"text": "会議の結果を本人に伝える", "case": case, "due_on": today + dt.timedelta(days=7),
                    "owner": case.worker if case.worker in workers else workers[0]},
        )  # fmt: skip
    return 1


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)
