"""Property: no input makes a server error. Every URL pattern of the project is opened (as a user who may
use it) with one of each object it names; every form its pages draw is posted back with random and edge
values in a few of its fields (the rest keep what the page filled in, so the values reach the service),
and every page is asked for with random and edge query parameters. Any 500 (an exception in the test
client) fails the test, naming the address, the method and the values.

Bounded for CI: a fixed number of examples per form and page, derandomized, each example rolled back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tsunagu.accounts.roles import Role
from tsunagu.accounts.twofactor import needs_second_factor
from tsunagu.cases import services as case_services
from tsunagu.cases.models import ClosureReason, Evaluation, TransferRequest
from tsunagu.people.models import ConsentScope, HouseholdMember
from tsunagu.people.services import record_consent
from tsunagu.testing.factories import (
    CaseFactory,
    DirectoryServiceFactory,
    JobOpeningFactory,
    JobSeekerFactory,
    OfficeFactory,
    OpeningTimeFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
    UserFactory,
    WorkTypeFactory,
    log_work,
)
from tsunagu.testing.twofactor import verify_session

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 8
EXAMPLES_PER_PAGE = 4
# Query parameters the pages read besides those of their GET forms (pickers, pagination, switches).
QUERY_PARAMETERS = ("page", "month", "from", "to", "timeline", "ended", "area", "organisation", "q")
# What a careless user or an attacker types.
EDGE_VALUES = (
    "", " ", "0", "-1", "1", "2", "1.5", "1e5", "NaN", "inf", "１２３", "٣",
    "99999999999999999999", str(2**63), str(2**63 - 1), str(2**31), "-99999999999999999999",
    "0001-01-01", "9999-12-31", "1800-01-01", "1868-01-24", "1899-12-31", "2026-02-30", "2026-13-01",
    "9999-12", "1-1", "0-0", "2026-00", "0001-01", "9999-12-31T23:59", "0001-01-01T00:00",
    "1800-01-01T09:00", "24:00", "99:99", "-1:00",
    "令和99年1月1日", "明治1年1月1日", "明治元年1月1日", "R1.4.30", "S64.1.8", "H31.5.1", "M1.1.1", "令和8年",
    "\x00", "a\x00b", "x" * 5000, "あ" * 1000, "😀", "<script>alert(1)</script>", "' OR 1=1 --", "\u202e",
)  # fmt: skip
# Tried in every field at once, on every form and page.
SWEEP_VALUES = (
    "99999999999999999999", "-1", "0001-01-01", "9999-12-31", "9999-12", "1-1", "0001-01-01T00:00",
    "1800-01-01T09:00", "令和99年1月1日", "\x00", "x" * 3000,
)  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
)
SKIPPED_URLS = {
    "accounts:logout",  # logs the client out; nothing to type
    "set_language",  # Django's own view
}
# Django's test client disables the CSRF check, as the brief asks.


@dataclass
class FormTarget:
    method: str
    path: str
    url_name: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name → the values the page filled in

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


class _FormParser(HTMLParser):
    """The forms of a page: method, action and the fields with what the page filled in."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.forms: list[tuple[str, str, dict[str, list[str]]]] = []
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._boxes: dict[str, str] = {}  # a checkbox or radio group's first value, if none is checked

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {}
            self._boxes = {}
            method = (a.get("method") or "get").upper()
            action = a.get("action") or a.get("hx-post") or self.page_path
            self.forms.append((method, action, self._form))
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            name = a["name"]
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.setdefault(name, []).append(a.get("value", "on"))
                else:
                    self._boxes.setdefault(name, a.get("value", "on"))
                return
            self._form[name] = [a.get("value") or _filler(kind, name)]
        elif tag == "select" and a.get("name"):
            self._select, self._select_first, self._select_chosen = a["name"], None, False
            self._form.setdefault(self._select, [])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if "selected" in a and value:
                self._form[self._select] = [value]
                self._select_chosen = True
            elif value and self._select_first is None:
                self._select_first = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form[self._textarea] = [""]

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None:
            self._form[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select and self._form is not None:
            if not self._select_chosen and self._select_first is not None:
                self._form[self._select] = [self._select_first]
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            if not self._form[self._textarea][0].strip():
                self._form[self._textarea] = ["テスト"]
            self._textarea = None
        elif tag == "form" and self._form is not None:
            for name, value in self._boxes.items():
                self._form.setdefault(name, [value])
            self._form = None


def _filler(kind: str, name: str) -> str:
    """A plausible value for an empty box, so that the rest of the form passes and the service is reached."""
    today = timezone.localdate()
    return {
        "date": today.isoformat(),
        "datetime-local": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "time": "10:00",
        "number": "1",
        "email": "test@example.jp",
        "tel": "0154-00-0000",
        "hidden": "",
        "password": "correct-horse-battery-staple-2026",
        "search": "",
    }.get(kind, "テスト" if "date" not in name else today.isoformat())


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}" if pattern.namespace and namespace else pattern.namespace
            )
            found += _patterns(pattern, inner or namespace)
        elif pattern.name:
            found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern))
    return found


def _url_kwargs(pattern: URLPattern) -> list[str]:
    return list(getattr(pattern.pattern, "converters", {}))


@pytest.fixture
def world(hub_office, partner_org, partner_office):
    """One object of each kind the addresses name, all within the scope of `staff`."""
    staff = UserFactory(
        username="fuzz",
        office=hub_office,
        roles=[Role.CONSULTATION_WORKER, Role.SUPERVISOR, Role.ADMINISTRATOR],
    )
    partner = UserFactory(username="fuzzpartner", office=partner_office, roles=[Role.PARTNER_STAFF])
    other_user = UserFactory(office=hub_office, roles=[Role.CONSULTATION_WORKER])
    today = timezone.localdate()
    case = CaseFactory(worker=staff)
    start = today - dt.timedelta(days=40)
    plan = case_services.create_plan(
        case=case,
        actor=staff,
        fields={
            "period_start": start, "period_end": start + dt.timedelta(days=180), "long_term_goal": "自立",
            "short_term_goals": "通所", "agreed_on": start, "next_monitoring_on": start + dt.timedelta(days=30),
        },
    )  # fmt: skip
    case_services.submit_plan(plan=plan, actor=staff)
    assessment = case_services.record_assessment(
        case=case, actor=staff, scores={"daily_routine": 2}, confirmed_stage="daily_life",
        fields={"assessed_on": start, "work_status": "unemployed", "housing_type": "rented"},
    )  # fmt: skip
    closing = CaseFactory(worker=staff, person=PersonFactory())
    closure = case_services.request_closure(
        case=closing, actor=staff, closed_on=today, reason=ClosureReason.MOVED
    )
    member = HouseholdMember.objects.create(person=case.person, name="釧路 花子", relation="母", age=70)
    consent = record_consent(
        person=case.person, actor=staff, scope=ConsentScope.values[0], signed_on=today, shared_with=[]
    )
    host = ProgramHostFactory(organisation=partner_org)
    placement = PlacementFactory(case=case, host=host, worker=staff)
    session = SessionFactory(host=host)
    onbetsu = UserFactory(
        office=OfficeFactory(organisation=hub_office.organisation), roles=[Role.CONSULTATION_WORKER]
    )
    transfer = TransferRequest.objects.create(
        person=case.person,
        from_office=hub_office,
        to_office=onbetsu.office,
        requested_by=onbetsu,
        reason="転居",
    )
    evaluation = Evaluation.objects.create(
        case=case, plan=plan, evaluated_on=today, summary="評価", outcome="continue", worker=staff
    )
    work_type = WorkTypeFactory(host=host)
    level = work_type.levels.get(rank=1)
    log_work(placement=placement, work_type=work_type, day=today - dt.timedelta(days=2))
    ids = {
        **_work_ids(work_type, level, case.person),
        **_network_ids(staff, case, today),
        **_directory_ids(partner_org),
        "referral_id": _referral(staff, case, partner_org).pk,
        **_joint_support_ids(staff, case, partner_org),
        **_children_ids(staff, case.person),
        "assessment_id": assessment.pk,
        "evaluation_id": evaluation.pk,
        "case_id": case.pk,
        "plan_id": plan.pk,
        "closure_id": closure.pk,
        "person_id": case.person_id,
        "member_id": member.pk,
        "consent_id": consent.pk,
        "organisation_id": partner_org.pk,
        "user_id": other_user.pk,
        "program_id": host.program_id,
        "host_id": host.pk,
        "placement_id": placement.pk,
        "session_id": session.pk,
        "transfer_id": transfer.pk,
        **_class_ids(staff, case.person),
        **_community_ids(staff, case.person, partner_org),
        **_contract_ids(staff, case, placement),
        "upload_id": _upload_id(staff),
        "job_id": _job_id(staff),
        **_api_ids(staff, case, placement),
    }
    return {"staff": staff, "partner": partner, "ids": ids}


def _api_ids(staff, case, placement) -> dict[str, int]:
    """The API's records without a page of their own: a note, the logged day's attendance and work log,
    and a token of the staff member."""
    from tsunagu.api import services as api

    note = case_services.add_note(
        case=case, actor=staff, occurred_at=timezone.now(), method="phone", minutes=5, content="近況"
    )
    token, _secret = api.create_token(
        actor=staff, name="連携", expires_on=timezone.localdate() + dt.timedelta(days=30)
    )
    return {
        "note_id": note.pk, "attendance_id": placement.attendances.first().pk,
        "work_log_id": placement.work_logs.first().pk, "token_id": token.pk,
    }  # fmt: skip


def _community_ids(staff, person, organisation) -> dict[str, int]:
    """An issue, a cafeteria of the partner's organisation and a project with two partners."""
    from tsunagu.community import services as community
    from tsunagu.community.models import ResourceKind, Theme
    from tsunagu.testing.factories import AreaFactory, OrganisationFactory

    today, area, food = timezone.localdate(), AreaFactory(name="美原"), Theme.objects.get(code="food")
    issue = community.raise_issue(
        actor=staff,
        fields={"area": area, "theme": food, "title": "夕食", "raised_on": today, "people_touched": 9},
    )
    resource = community.add_resource(actor=staff, fields={
        "name": "みはらかがやき食堂", "kind": ResourceKind.objects.get(code="cafeteria"), "area": area,
        "owner": organisation, "themes": [food], "started_on": today - dt.timedelta(days=30),
    })  # fmt: skip
    project = community.create_project(
        actor=staff,
        fields={"name": "音別ふき蕗団", "area": area, "started_on": today - dt.timedelta(days=30)},
    )
    for partner, role in ((organisation, "production"), (OrganisationFactory(), "processing")):
        community.add_partner(actor=staff, project=project, fields={"organisation": partner, "role": role})
    return {
        "issue_id": issue.pk, "resource_id": resource.pk, "project_id": project.pk,
        # an entry of each configurable list (organisations/lists.py)
        "theme_id": food.pk, "resourcekind_id": resource.kind_id,
        "resource_session_id": community.record_resource_session(actor=staff, resource=resource, fields={
            "held_on": today, "meals": 30, "volunteers": 5, "children": 20, "adults": 10,
        }).pk,
        "role_id": community.add_supporter_role(
            actor=staff, person=person, fields={"kind": "volunteer", "resource": resource, "started_on": today}
        ).pk,
    }  # fmt: skip


def _contract_id(staff) -> int:
    """This fiscal year's city consultation contract."""
    from tsunagu.contracts import services as contracts
    from tsunagu.core.dates import fiscal_year_bounds, fiscal_year_of

    year = fiscal_year_of(timezone.localdate())
    first, last = fiscal_year_bounds(year)
    fields = {
        "funder": "city", "fiscal_year": year, "service": "consultation", "title": "", "starts_on": first,
        "ends_on": last, "model_project": False, "deliverables": "",
    }  # fmt: skip
    return contracts.create_contract(actor=staff, fields=fields).pk


def _contract_ids(staff, case, placement) -> dict[str, int]:
    """The contract, an event of the 沿革, and the contract carrying the case and the placement."""
    from tsunagu.contracts import services as contracts

    contract_id = _contract_id(staff)
    contract = contracts.Contract.objects.get(pk=contract_id)
    first = min(max(contract.starts_on, case.intake_date), contract.ends_on)
    return {
        "contract_id": contract_id,
        "milestone_id": contracts.record_milestone(actor=staff, on=timezone.localdate(), text="法人設立").pk,
        "case_assignment_id": contracts.assign_case(
            actor=staff, case=case, contract=contract, from_on=first
        ).pk,
        "placement_assignment_id": contracts.assign_placement(
            actor=staff, placement=placement, contract=contract, from_on=contract.starts_on
        ).pk,
    }


def _job_id(staff) -> int:
    """A finished job of the staff member's (the job pages take no form but the cancel button)."""
    from tsunagu.background.models import BackgroundJob

    job = BackgroundJob.objects.create(
        kind="statistics.export", started_by=staff, organisation_id=staff.organisation_id, status="done"
    )
    return job.pk


def _upload_id(staff) -> int:
    from tsunagu.imports import services as imports

    content = "氏,名,セイ,メイ,生年月日,相談日,相談経路,相談内容\r\n試験,花子,シケン,ハナコ,S50.1.2,R5.2.1,来所,収入\r\n"
    upload = imports.upload_file(
        actor=staff, source_name="台帳", kind="people", file_name="台帳.csv", content=content.encode("cp932")
    )
    return upload.pk


def _work_ids(work_type, level, person) -> dict[str, int]:
    """A work type with its level and rate, and a statement of a month closed at a site of its own."""
    from tsunagu.work.models import PayMonth, PayStatement

    month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    closer = level.rates.get().created_by
    pay_month = PayMonth.objects.create(
        host=ProgramHostFactory(), month=month, closed_at=timezone.now(), closed_by=closer
    )
    statement = PayStatement.objects.create(
        pay_month=pay_month, person=person, work_form="training", days=1, minutes=60, earned=100,
        minimum_wage_top_up=0, adjustments=0, total=100,
    )  # fmt: skip
    return {
        "work_type_id": work_type.pk, "level_id": level.pk, "rate_id": level.rates.get().pk,
        "statement_id": statement.pk,
    }  # fmt: skip


def _network_ids(staff, case, today: dt.date) -> dict[str, int]:
    """A case conference with the case on its agenda and an action, and a 部会."""
    from tsunagu.network import services as network

    meeting = network.create_meeting(
        actor=staff, fields={"kind": "case_conference", "body": None, "held_on": today}, attendees=[]
    )
    network.add_cases_to_agenda(actor=staff, meeting=meeting, cases=[case])
    action = network.add_action_item(
        actor=staff, meeting=meeting, fields={"text": "見守り", "owner": staff, "due_on": today, "case": case}
    )
    body = network.save_body(actor=staff, fields={"name": "美原"}, members=[staff])
    return {"meeting_id": meeting.pk, "action_id": action.pk, "body_id": body.pk}


def _joint_support_ids(staff, case, organisation) -> dict[str, int]:
    """The case's person registered as a job seeker and introduced to an opening, a start of work with its
    checks, a Hello Work referral, an internship and a qualification, none with a result yet."""
    from tsunagu.jobs import services as jobs

    today = timezone.localdate()
    opening = JobOpeningFactory(created_by=staff)
    seeker = JobSeekerFactory(case=case, created_by=staff)
    introduction = jobs.introduce(actor=staff, seeker=seeker, opening=opening, introduced_on=today)
    outcome = jobs.record_work_outcome(
        actor=staff, case=case,
        fields={"kind": "started_work", "on": today, "employer_name": "清掃舎", "employment_form": "part_time",
                "route": "own_search"},
    )  # fmt: skip
    referral = jobs.refer_to_hello_work(
        actor=staff, case=case, fields={"office": organisation, "referred_on": max(today, case.intake_date)}
    )
    internship = jobs.start_internship(
        actor=staff, case=case,
        fields={"host": organisation, "starts_on": today, "ends_on": today, "hours_per_week": 10, "paid": False,
                "allowance": None, "terms": ""},
    )  # fmt: skip
    qualification = jobs.add_qualification(
        actor=staff, case=case,
        fields={"course": "簿記", "provider": "", "cost": None, "funding": "self", "starts_on": today, "ends_on": None},
    )  # fmt: skip
    return {
        "opening_id": opening.pk, "seeker_id": seeker.pk, "introduction_id": introduction.pk,
        "check_id": outcome.retention_checks.get(months=1).pk,
        "hello_work_id": referral.pk, "internship_id": internship.pk, "qualification_id": qualification.pk,
    }  # fmt: skip


def _children_ids(staff, guardian) -> dict[str, int]:
    """A child of the case's person in 中3 this fiscal year, as a pupil of the cohort; a reference figure."""
    from tsunagu.children import services as children
    from tsunagu.children import services_entrance as entrance
    from tsunagu.children.models_entrance import ReferenceFigure
    from tsunagu.core.dates import fiscal_year_of

    year = fiscal_year_of(timezone.localdate())
    child = children.add_child(
        actor=staff, guardian=guardian, relation="長男",
        person_fields={"family_name": "釧路", "given_name": "太郎", "family_name_kana": "くしろ",
                       "given_name_kana": "たろう", "date_of_birth": dt.date(year - 15, 6, 1), "sex": "male"},
        fields={"school": "", "recorded_grade": None, "household_situation": "hardship"},
    )  # fmt: skip
    pupil = entrance.add_pupil(actor=staff, child=child, fiscal_year=year, fields={})
    reference = ReferenceFigure.objects.order_by("pk").first()
    return {"child_id": child.pk, "pupil_id": pupil.pk, "reference_id": reference.pk}


def _class_ids(staff, guardian) -> dict[str, int]:
    """Another child of the case's person, enrolled in まじくる (a host of a children's program)."""
    from tsunagu.children.services import add_child
    from tsunagu.children.services_classes import enrol_child

    child = add_child(
        actor=staff, guardian=guardian, relation="長男",
        person_fields={"family_name": "釧路", "given_name": "未来", "family_name_kana": "くしろ",
                       "given_name_kana": "みらい", "date_of_birth": dt.date(2013, 5, 5), "sex": "male"},
        fields={"school": "", "recorded_grade": None, "household_situation": "hardship"},
    )  # fmt: skip
    program = ProgramFactory(name="子ども学習支援", stage="", category="children", weekdays=[0, 2, 4])
    host = ProgramHostFactory(program=program)
    enrol_child(actor=staff, child=child, host=host, status="active", on=timezone.localdate())
    return {"class_id": host.pk}


def _directory_ids(organisation) -> dict[str, int]:
    service = DirectoryServiceFactory(organisation=organisation)
    return {
        "service_id": service.pk, "opening_time_id": OpeningTimeFactory(service=service).pk,
        "servicetype_id": service.service_type_id,  # an entry of a configurable list (organisations/lists.py)
    }  # fmt: skip


def _referral(staff, case, organisation):
    """The case referred to the partner's organisation, with the person's consent to share with it."""
    from tsunagu.network.services_referrals import send_referral

    record_consent(
        person=case.person, actor=staff, scope=ConsentScope.SHARE_PARTNERS, signed_on=case.intake_date,
        shared_with=[organisation],
    )  # fmt: skip
    fields = {"receiver": organisation, "service": None, "need": "居場所", "message": "", "respond_by": None}
    return send_referral(actor=staff, case=case, fields=fields)


def _client_for(url_name: str, world: dict) -> Client:
    client = Client()
    if url_name == "accounts:login":
        return client
    user = world["partner"] if url_name.startswith(("programs:partner", "jobs:partner")) else world["staff"]
    client.force_login(user)
    if needs_second_factor(user):
        verify_session(client, user)  # else every page would be the second-factor page
    return client


def _targets(world: dict) -> tuple[list[FormTarget], list[FormTarget]]:
    """Every page (GET, with the query parameters it reads) and every form its page draws (by action)."""
    pages, forms = [], {}
    for url_name, pattern in _patterns(get_resolver()):
        if url_name in SKIPPED_URLS:
            continue
        path = reverse(url_name, kwargs={name: world["ids"][name] for name in _url_kwargs(pattern)})
        client = _client_for(url_name, world)
        response = client.get(path)
        page = FormTarget("GET", path, url_name, {name: [""] for name in QUERY_PARAMETERS})
        pages.append(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _FormParser(path)
        parser.feed(response.content.decode())
        for method, action, fields in parser.forms:
            action_path = urlsplit(action).path or path
            if method == "GET":
                page.fields.update({name: [""] for name in fields})
                continue
            action_name = _url_name(action_path)
            if action_name and action_name not in SKIPPED_URLS and (method, action_path) not in forms:
                forms[(method, action_path)] = FormTarget(method, action_path, action_name, fields)
    return pages, list(forms.values())


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Exception:
        return None
    return match.view_name


def _send(client: Client, target: FormTarget, overrides: dict[str, str]) -> int:
    data = {**target.fields, **{name: [value] for name, value in overrides.items()}}
    with transaction.atomic():
        if target.method == "GET":
            response = client.get(target.path, {k: v for k, v in data.items() if v != [""]})
        else:
            response = client.post(target.path, data)
        transaction.set_rollback(True)
    return response.status_code


def _fuzz(client: Client, target: FormTarget, examples: int) -> None:
    """First every field at once with each value of the sweep (a field's own checks run whatever the
    others hold, so one request tries them all); then random values in a few fields, the others keeping
    what the page filled in, so that the values reach the service."""
    names = sorted(target.fields)
    if not names:
        return
    for value in SWEEP_VALUES:
        status = _send(client, target, dict.fromkeys(names, value))
        assert status < 500, f"{target} answered {status} for every field = {value!r}"

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(overrides=st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=3))
    def run(overrides: dict[str, str]) -> None:
        status = _send(client, target, overrides)
        assert status < 500, f"{target} answered {status} for {overrides!r}"

    run()


def test_no_form_field_or_query_parameter_makes_a_server_error(world):
    pages, forms = _targets(world)
    covered = {target.url_name for target in [*pages, *forms]}
    expected = {name for name, _pattern in _patterns(get_resolver())} - SKIPPED_URLS
    assert covered == expected, f"addresses not tried: {expected - covered}"
    failures = []
    for target, examples in [
        *((f, EXAMPLES_PER_FORM) for f in forms),
        *((p, EXAMPLES_PER_PAGE) for p in pages),
    ]:
        try:
            _fuzz(_client_for(target.url_name, world), target, examples)
        except Exception as error:
            failures.append(f"{target}: {type(error).__name__}: {str(error)[:300]}")
    assert not failures, "\n".join(failures)


def test_the_fuzzer_reaches_the_forms_of_the_case_page(world):
    """The walk finds the forms a page draws (so a new form is fuzzed without a new entry here)."""
    _pages, forms = _targets(world)
    names = {target.url_name for target in forms}
    assert {"cases:note_add", "cases:approvals", "people:household_add", "programs:roll_call"} <= names
    note = next(t for t in forms if t.url_name == "cases:note_add")
    assert {"occurred_at", "method", "minutes", "content"} <= set(note.fields)


@pytest.mark.parametrize("bad_id", [2**63, 10**20, 0])
def test_an_address_with_an_id_that_cannot_exist_is_not_found_not_500(world, bad_id):
    """<int:…> in an address takes any digits: 10^20 must be a 404 (or a refusal), not an overflow."""
    for url_name, pattern in _patterns(get_resolver()):
        kwargs = _url_kwargs(pattern)
        if not kwargs or url_name in SKIPPED_URLS:
            continue
        path = reverse(url_name, kwargs=dict.fromkeys(kwargs, bad_id))
        client = _client_for(url_name, world)
        assert client.get(path).status_code in (403, 404, 405), path
        assert client.post(path, {}).status_code in (403, 404, 405), path
