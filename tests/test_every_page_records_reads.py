"""Every response that shows a person records who saw them: one audit event, listing the person's id.

The test walks every URL of the project (Django's resolver, so a new URL joins the walk by itself) and
requests it as a user who may see it, with a person of a name found nowhere else placed in a case, a
placement and a session. Wherever that name comes back (or a PDF does), an audit event by that user
listing the person's id must have been recorded by that very request. A URL without an entry in the
table below fails, naming it: nothing is skipped silently. Refused POSTs that show the page again are
walked too, since they show the person as much as a GET does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services as case_services
from tsunagu.cases.models import Evaluation
from tsunagu.network import services as network_services
from tsunagu.people.models import Consent, ConsentScope, HouseholdMember
from tsunagu.testing.factories import (
    CaseFactory,
    DirectoryServiceFactory,
    OpeningTimeFactory,
    PersonFactory,
    PlacementFactory,
    ProgramHostFactory,
    SessionFactory,
    WorkLogFactory,
    WorkTypeFactory,
)

# A name (and reading) that no factory, template or translation produces.
FAMILY, GIVEN = "鵺野", "記録子"
FAMILY_KANA, GIVEN_KANA = "ぬえの", "きろくこ"
PHONE = "0154-77-9931"

READS = (AuditAction.VIEW, AuditAction.EXPORT)  # a PDF is read as an export


# ---------------------------------------------------------------- the table: how to request each URL


@dataclass(frozen=True)
class Visit:
    """One request: as which role, with which URL arguments (from the world), how; and what comes back."""

    role: str
    kwargs: Callable[[SimpleNamespace], dict] = lambda w: {}
    method: str = "get"
    query: dict = field(default_factory=dict)
    data: Callable[[SimpleNamespace], dict] = lambda w: {}
    htmx: bool = False
    status: int = 200
    shows_person: bool = False  # the response must show the person (keeps the walk honest)
    names_no_one: bool = False  # a PDF of counts only (it is read as a document showing no one)


def case(w):
    return {"case_id": w.case.pk}


def person(w):
    return {"person_id": w.person.pk}


def plan(w):
    return {"plan_id": w.plan.pk}


def placement(w):
    return {"placement_id": w.placement.pk}


def host(w):
    return {"host_id": w.host.pk}


def organisation(w):
    return {"organisation_id": w.organisation.pk}


def directory_service(w):
    return {"service_id": w.directory_service.pk}


def opening_time(w):
    return {"opening_time_id": w.opening_time.pk}


def program(w):
    return {"program_id": w.host.program_id}


def user(w):
    return {"user_id": w.worker.pk}


def work_type(w):
    return {"work_type_id": w.work_type.pk}


def level(w):
    return {"level_id": w.work_type.levels.get(rank=1).pk}


def rate(w):
    return {"rate_id": w.work_type.levels.get(rank=1).rates.get().pk}


def meeting(w):
    return {"meeting_id": w.meeting.pk}


def child(w):
    return {"child_id": w.child.pk}


def referral(w):
    return {"referral_id": w.referral.pk}


def pupil(w):
    """A second child of the household, in 中3 this fiscal year, as a pupil of this year's cohort."""
    from tsunagu.children import services as children
    from tsunagu.children import services_entrance as entrance
    from tsunagu.core.dates import fiscal_year_of

    if not hasattr(w, "pupil"):
        year = fiscal_year_of(timezone.localdate())
        kid = children.add_child(
            actor=w.worker, guardian=w.person, relation="長女",
            person_fields={"family_name": FAMILY, "given_name": "受験子", "family_name_kana": FAMILY_KANA,
                           "given_name_kana": "じゅけんこ", "date_of_birth": dt.date(year - 15, 6, 1), "sex": "female"},
            fields={"school": "", "recorded_grade": None, "household_situation": "hardship"},
        )  # fmt: skip
        w.pupil = entrance.add_pupil(actor=w.worker, child=kid, fiscal_year=year, fields={})
    return {"pupil_id": w.pupil.pk}


def reference(w):
    from tsunagu.children.models_entrance import ReferenceFigure

    return {"reference_id": ReferenceFigure.objects.order_by("pk").first().pk}


def children_class(w):
    return {"class_id": w.children_class.pk}


def worked_host(w):
    """The host, where the person logged work last month (pay and earned income show them)."""
    from tsunagu.testing.factories import WorkTypeFactory, log_work
    from tsunagu.work.models import WorkLog

    # The world's own log is two days ago, which is last month only on the 1st and 2nd of a month.
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    if not hasattr(w, "work_type"):
        w.work_type = WorkTypeFactory(host=w.host)
    if not WorkLog.objects.filter(work_type=w.work_type, attendance__session__date=last_month).exists():
        log_work(placement=w.placement, work_type=w.work_type, day=last_month)
    return {"host_id": w.host.pk}


def issue(w):
    return {"issue_id": w.issue.pk}


def resource(w):
    return {"resource_id": w.resource.pk}


def project(w):
    return {"project_id": w.project.pk}


def service_type(w):
    return {"servicetype_id": w.directory_service.service_type_id}


def theme(w):
    return {"theme_id": w.issue.theme_id}


def resource_kind(w):
    return {"resourcekind_id": w.resource.kind_id}


def resource_session(w):
    return {"resource_session_id": w.resource_session.pk}


def supporter_role(w):
    return {"role_id": w.supporter_role.pk}


def pay_statement(w):
    """Last month closed at the host: the person's pay statement."""
    from tsunagu.testing.factories import UserFactory
    from tsunagu.work.services_pay import close_pay_month

    worked_host(w)
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    pay_month = close_pay_month(actor=UserFactory(roles=["supervisor"]), host=w.host, month=last_month)
    return {"statement_id": pay_month.statements.get(person=w.person).pk}


def api_token(w):
    from tsunagu.api import services as api

    token, _secret = api.create_token(
        actor=w.worker, name="連携", expires_on=timezone.localdate() + dt.timedelta(days=30)
    )
    return {"token_id": token.pk}


def note(w):
    return {"note_id": w.case.notes.first().pk}


def attendance(w):
    return {"attendance_id": w.placement.attendances.first().pk}


def work_log(w):
    return {"work_log_id": w.placement.work_logs.first().pk}


def upload(w):
    """The supervisor's upload of a ledger whose one row is the world's person (same reading and birth
    date): the preview shows the row and names them as already on record."""
    from tsunagu.accounts.models import User
    from tsunagu.imports import services as imports

    if not hasattr(w, "upload"):
        w.person.date_of_birth = dt.date(1975, 1, 2)
        w.person.save()
        content = f"氏,名,セイ,メイ,生年月日,相談日,相談経路,相談内容\r\n{FAMILY},{GIVEN},{FAMILY_KANA},{GIVEN_KANA},S50.1.2,R5.2.1,来所,収入\r\n"
        w.upload = imports.upload_file(
            actor=User.objects.get(username="shunin"), source_name="台帳", kind="people", file_name="台帳.csv",
            content=content.encode("utf-8"),
        )  # fmt: skip
    return {"upload_id": w.upload.pk}


def job(w):
    """A finished export of the supervisor's, its file kept (a job names no one)."""
    from tsunagu.accounts.models import User
    from tsunagu.background.models import BackgroundJob

    if not hasattr(w, "job"):
        user = User.objects.get(username="shunin")
        w.job = BackgroundJob.objects.create(
            kind="statistics.export", started_by=user, organisation_id=user.organisation_id, status="done",
            result=b"a,b\r\n", result_name="kokuho.csv", result_type="text/csv", finished_at=timezone.now(),
        )  # fmt: skip
    return {"job_id": w.job.pk}


W, SUP, CITY, PARTNER, ADMIN = (
    "consultation_worker",
    "supervisor",
    "city_caseworker",
    "partner_staff",
    "administrator",
)
EMP, STAT = "employment_worker", "statistician"

# A form posted empty (or with a value it refuses) comes back with 400 and the page shown again.
REFUSED = 400

PAGES: dict[str, list[Visit]] = {
    "healthz": [Visit(W)],
    "set_language": [Visit(W, status=302), Visit(W, method="post", data=lambda w: {"language": "ja"}, status=302)],
    "core:home": [Visit(W), Visit(PARTNER, status=302)],
    # accounts: staff, never a person of a case
    "accounts:login": [Visit(W, status=302)],
    "accounts:logout": [Visit(W, status=405)],
    "accounts:two_factor": [Visit(W), Visit(W, method="post", status=REFUSED)],
    "accounts:two_factor_enrol": [Visit(W, status=302), Visit(STAT, status=302)],
    "accounts:user_two_factor_reset": [Visit(ADMIN, user, status=405), Visit(ADMIN, user, method="post", status=302)],
    "accounts:address_unlock": [Visit(ADMIN, status=405), Visit(ADMIN, method="post", status=302)],
    "accounts:password_change": [Visit(W), Visit(W, method="post", status=200)],
    "accounts:user_list": [Visit(ADMIN)],
    "accounts:user_create": [Visit(ADMIN), Visit(ADMIN, method="post", status=200)],
    "accounts:user_edit": [Visit(ADMIN, user), Visit(ADMIN, user, method="post", status=200)],
    "accounts:user_set_password": [Visit(ADMIN, user, status=405), Visit(ADMIN, user, method="post", status=REFUSED)],
    "accounts:user_unlock": [Visit(ADMIN, user, status=405)],
    "audit:event_list": [Visit(ADMIN)],
    "cases:retention": [Visit(ADMIN), Visit(ADMIN, method="post", status=400)],  # counts, never people
    "cases:disclosure": [  # the confirmation page counts and names no one; the PDF is the person's record
        Visit(ADMIN, person), Visit(ADMIN, person, method="post", status=400),
        Visit(ADMIN, person, method="post", data=lambda w: {"confirm": "on"}, shows_person=True),
    ],
    # organisations: the directory
    "organisations:list": [Visit(W), Visit(W, htmx=True)],
    "organisations:create": [Visit(ADMIN), Visit(ADMIN, method="post", status=200)],
    "organisations:detail": [Visit(W, organisation)],
    "organisations:edit": [Visit(ADMIN, organisation), Visit(ADMIN, organisation, method="post", status=200)],
    "organisations:office_add": [Visit(ADMIN, organisation, method="post", status=REFUSED)],
    "organisations:contact_add": [Visit(ADMIN, organisation, method="post", status=REFUSED)],
    # The directory's services, hours, export and import show organisations, never a person.
    "organisations:service_add": [Visit(ADMIN, organisation), Visit(ADMIN, organisation, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:service_edit": [Visit(ADMIN, directory_service), Visit(ADMIN, directory_service, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:location_add": [Visit(ADMIN, organisation, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:opening_time_add": [Visit(ADMIN, organisation, method="post", data=lambda w: {"weekday": "9"}, status=REFUSED)],
    "organisations:opening_time_remove": [Visit(ADMIN, opening_time, status=405), Visit(ADMIN, opening_time, method="post", status=302)],
    "organisations:export_json": [Visit(W), Visit(STAT)],
    "organisations:export_csv": [Visit(W)],
    "organisations:import": [Visit(ADMIN), Visit(ADMIN, method="post", data=lambda w: {"x": "1"}, status=REFUSED)],
    # the configurable lists name no one
    "organisations:lists": [Visit(W), Visit(ADMIN)],
    "organisations:list_service_types": [Visit(ADMIN), Visit(ADMIN, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:list_service_types_edit": [Visit(ADMIN, service_type), Visit(ADMIN, service_type, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:list_themes": [Visit(W), Visit(W, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:list_themes_edit": [Visit(W, theme), Visit(W, theme, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:list_resource_kinds": [Visit(W), Visit(W, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    "organisations:list_resource_kinds_edit": [Visit(W, resource_kind), Visit(W, resource_kind, method="post", data=lambda w: {"name": ""}, status=REFUSED)],
    # people
    "people:detail": [Visit(r, person, shows_person=True) for r in (W, SUP, EMP, CITY)],
    "people:edit": [Visit(W, person, shows_person=True), Visit(W, person, method="post", status=200, shows_person=True)],
    "people:household_add": [
        Visit(W, person, method="post", status=REFUSED, shows_person=True),
        Visit(W, person, method="post", htmx=True, status=REFUSED, shows_person=True),
    ],
    "people:household_remove": [Visit(W, lambda w: {"member_id": w.member.pk}, status=405)],
    "people:consent_add": [Visit(W, person, method="post", status=REFUSED, shows_person=True)],
    "people:consent_withdraw": [
        Visit(W, lambda w: {"consent_id": w.consent.pk}, method="post", status=REFUSED, shows_person=True)
    ],
    "people:stage_change": [Visit(W, person, method="post", status=REFUSED, shows_person=True)],
    "people:merge": [
        Visit(SUP, person, shows_person=True),
        Visit(SUP, person, method="post", data=lambda w: {"duplicate": str(w.other_person.pk)}, shows_person=True),
    ],
    "people:reading_suggestion": [Visit(W, method="post")],
    # cases
    "cases:list": [
        Visit(r, shows_person=True) for r in (W, SUP, EMP, CITY)
    ] + [
        Visit(W, query={"q": FAMILY_KANA}, shows_person=True),
        Visit(W, query={"q": FAMILY}, htmx=True, shows_person=True),
    ],
    "cases:caseload": [Visit(W, shows_person=True)],
    "cases:intake": [
        Visit(W),
        # Another name, the same phone: the person is offered as a possible duplicate.
        Visit(W, method="post", data=lambda w: {
            "family_name": "別名", "given_name": "花子", "family_name_kana": "べつめい", "given_name_kana": "はなこ",
            "phone": PHONE, "sex": "not_answered", "intake_date": timezone.localdate().isoformat(),
            "route": "self", "screening_outcome": "continuing", "contract": "consultation",
            "welfare_status": "unknown",
        }, shows_person=True),
    ],
    "cases:approvals": [Visit(SUP, shows_person=True), Visit(SUP, method="post", status=REFUSED, shows_person=True)],
    # The world's person has no area: listed under 地区未登録 this month; the statistician counts only.
    "cases:municipal_report": [Visit(r, query={"to": "-"}, shows_person=True) for r in (W, SUP, EMP, CITY)]
    + [Visit(STAT, query={"to": "-"})],
    "cases:municipal_report_pdf": [Visit(W, query={"to": "-"}, shows_person=True)],
    "cases:detail": [Visit(r, case, shows_person=True) for r in (W, SUP, EMP, CITY)]
    + [Visit(W, case, query={"timeline": "all"}, shows_person=True)],
    "cases:note_add": [
        Visit(W, case, status=405),
        Visit(W, case, method="post", status=REFUSED, shows_person=True),
        Visit(W, case, method="post", htmx=True, status=REFUSED, shows_person=True),
    ],
    "cases:assessment_create": [
        Visit(W, case, shows_person=True),
        Visit(W, case, method="post", status=REFUSED, shows_person=True),
    ],
    "cases:assessment_detail": [
        Visit(r, lambda w: {"assessment_id": w.assessment.pk}, shows_person=True) for r in (W, SUP, EMP, CITY)
    ],
    "cases:plan_create": [Visit(W, case, shows_person=True), Visit(W, case, method="post", status=REFUSED, shows_person=True)],
    "cases:monitoring_create": [
        Visit(W, case, shows_person=True),
        Visit(W, case, method="post", status=REFUSED, shows_person=True),
    ],
    "cases:evaluation_create": [
        Visit(W, case, shows_person=True),
        Visit(W, case, method="post", status=REFUSED, shows_person=True),
    ],
    "cases:closure_request": [
        Visit(W, case, shows_person=True),
        Visit(W, case, method="post", status=REFUSED, shows_person=True),
    ],
    "cases:reassign": [Visit(SUP, case, shows_person=True), Visit(SUP, case, method="post", status=REFUSED, shows_person=True)],
    "cases:plan_edit": [
        Visit(r, plan, shows_person=True) for r in (W, SUP, CITY)
    ] + [Visit(W, plan, method="post", status=REFUSED, shows_person=True)],
    "cases:plan_submit": [Visit(W, plan, status=405)],
    "cases:plan_return": [Visit(SUP, plan, status=405)],
    "cases:closure_decide": [
        Visit(SUP, lambda w: {"closure_id": w.closure.pk}, shows_person=True),
        Visit(SUP, lambda w: {"closure_id": w.closure.pk}, method="post", status=REFUSED, shows_person=True),
    ],
    "cases:plan_pdf": [Visit(W, plan, shows_person=True)],
    "cases:transfers": [Visit(SUP), Visit(W)],
    "cases:transfer_decide": [
        Visit(SUP, lambda w: {"transfer_id": 1}, status=405),
        Visit(SUP, lambda w: {"transfer_id": 999_999}, method="post", status=404),
    ],
    "cases:confirm_contact": [Visit(SUP, case, status=405), Visit(SUP, case, method="post", status=302)],
    "cases:support_record_pdf": [Visit(W, case, shows_person=True), Visit(CITY, case, shows_person=True)],
    "cases:intake_assessment_pdf": [Visit(W, lambda w: {"assessment_id": w.assessment.pk}, shows_person=True)],
    "cases:evaluation_pdf": [Visit(W, lambda w: {"evaluation_id": w.evaluation.pk}, shows_person=True)],
    "cases:emergency_support_add": [
        Visit(W, case, shows_person=True),
        Visit(W, case, method="post", status=REFUSED, shows_person=True),
    ],
    "cases:plan_decision": [Visit(W, plan, status=405)],
    # programs
    "programs:placement_create": [
        Visit(EMP, person, shows_person=True),
        Visit(EMP, person, method="post", data=lambda w: {"host": "x"}, status=REFUSED, shows_person=True),
    ],
    "programs:placement_detail": [Visit(r, placement, shows_person=True) for r in (W, EMP)],
    "programs:placement_step": [
        Visit(EMP, placement, shows_person=True),
        Visit(EMP, placement, method="post", data=lambda w: {"status": "x"}, status=REFUSED, shows_person=True),
    ],
    "programs:ladder": [Visit(EMP, person, shows_person=True)],
    "programs:catalog": [Visit(W), Visit(STAT), Visit(W, htmx=True)],
    "programs:program_create": [Visit(ADMIN)],
    "programs:program_detail": [Visit(W, program), Visit(ADMIN, program)],
    "programs:program_edit": [Visit(ADMIN, program)],
    "programs:program_end": [Visit(ADMIN, program, status=405), Visit(ADMIN, program, method="post", status=REFUSED)],
    "programs:host_add": [Visit(ADMIN, program), Visit(ADMIN, program, method="post", status=REFUSED)],
    "programs:host_edit": [
        Visit(ADMIN, host),
        Visit(ADMIN, host, method="post", data=lambda w: {"capacity": "0"}, status=REFUSED),
    ],
    "programs:session_index": [Visit(W), Visit(PARTNER)],
    "programs:session_cancel": [
        Visit(W, lambda w: {"session_id": w.session.pk}, status=405),
        Visit(PARTNER, lambda w: {"session_id": w.session.pk}, method="post", status=REFUSED, shows_person=True),
    ],
    "programs:roll_call": [
        Visit(r, lambda w: {"session_id": w.session.pk}, shows_person=True) for r in (W, EMP, PARTNER)
    ] + [
        Visit(PARTNER, lambda w: {"session_id": w.session.pk}, method="post",
              data=lambda w: {"placement": [w.placement.pk]}, status=REFUSED, shows_person=True),
    ],
    "programs:host_sessions": [
        Visit(r, host, shows_person=True) for r in (W, PARTNER)
    ] + [
        Visit(PARTNER, host, method="post", data=lambda w: {"add-date": "x"}, status=REFUSED, shows_person=True)
    ],
    "programs:sessions_generate": [
        Visit(PARTNER, host, status=405),
        Visit(PARTNER, host, method="post", status=REFUSED, shows_person=True),
    ],
    "programs:partner_home": [Visit(PARTNER, shows_person=True)],
    "programs:partner_evaluate": [
        Visit(PARTNER, placement, shows_person=True),
        Visit(PARTNER, placement, method="post", status=REFUSED, shows_person=True),
    ],
    "programs:overview": [Visit(W), Visit(STAT), Visit(STAT, query={"on": "2025-06-30"})],
    "programs:overview_rates": [Visit(W), Visit(STAT)],
    "programs:overview_host": [Visit(W, host, shows_person=True), Visit(STAT, host), Visit(CITY, host)],
    # work: the catalog and production show no person (people are counted, never named)
    "work:sites": [Visit(W), Visit(ADMIN)],
    "work:work_type_create": [Visit(SUP), Visit(SUP, method="post", status=REFUSED)],
    "work:work_type_detail": [Visit(W, work_type), Visit(ADMIN, work_type)],
    "work:work_type_edit": [Visit(SUP, work_type), Visit(SUP, work_type, method="post", status=REFUSED)],
    "work:level_add": [Visit(SUP, work_type), Visit(SUP, work_type, method="post", status=REFUSED)],
    "work:order_add": [Visit(SUP, work_type), Visit(SUP, work_type, method="post", status=REFUSED)],
    "work:level_edit": [Visit(SUP, level), Visit(SUP, level, method="post", status=REFUSED)],
    "work:rate_add": [Visit(SUP, level), Visit(SUP, level, method="post", status=REFUSED)],
    # The rate is in use (a log of the person at this work type): kept, the page shown again.
    "work:rate_remove": [Visit(SUP, rate, status=405), Visit(SUP, rate, method="post", status=REFUSED)],
    "work:minimum_wages": [Visit(W), Visit(SUP, method="post", status=REFUSED)],
    "work:production": [Visit(W), Visit(ADMIN)],
    "work:production_export": [Visit(W)],
    # network: the meeting names the person of the case on its agenda (and of its action)
    "network:meeting_list": [Visit(W), Visit(W, query={"kind": "case_conference"})],
    "network:meeting_create": [Visit(W), Visit(W, method="post", status=200)],
    "network:meeting_detail": [Visit(r, meeting, shows_person=True) for r in (W, SUP, EMP)],
    "network:meeting_edit": [Visit(W, meeting, shows_person=True), Visit(W, meeting, method="post", status=200, shows_person=True)],
    "network:minutes_pdf": [Visit(W, meeting), Visit(SUP, meeting)],
    **{name: [Visit(W, meeting, method="post", status=REFUSED, shows_person=True)] for name in (
        "network:attendee_add", "network:acknowledge", "network:agenda_add", "network:coordination_decide",
        "network:decision_add", "network:action_add")},
    "network:action_done": [Visit(W, lambda w: {"action_id": w.action.pk}, method="post", status=REFUSED, shows_person=True)],
    "network:body_list": [Visit(SUP), Visit(SUP, method="post", status=200)],
    "network:body_edit": [Visit(SUP, lambda w: {"body_id": w.body.pk})],
    # jobs: the person's seeker registration, introduced to the opening, and a start with its checks
    "jobs:home": [Visit(r, shows_person=True) for r in (W, EMP, SUP)] + [Visit(EMP, query={"all": "on"}, shows_person=True)],
    "jobs:licence": [Visit(SUP), Visit(SUP, method="post", status=200)],
    "jobs:opening_create": [Visit(EMP), Visit(EMP, method="post", status=200)],
    "jobs:opening_detail": [Visit(r, lambda w: {"opening_id": w.job_opening.pk}, shows_person=True) for r in (W, EMP)],
    "jobs:seeker_create": [Visit(EMP, case, shows_person=True), Visit(EMP, case, method="post", status=200, shows_person=True)],
    "jobs:seeker_detail": [Visit(r, lambda w: {"seeker_id": w.job_seeker.pk}, shows_person=True) for r in (W, EMP, SUP)],
    "jobs:introduction_add": [Visit(EMP, lambda w: {"seeker_id": w.job_seeker.pk}, method="post", status=REFUSED, shows_person=True)],
    "jobs:introduction_step": [Visit(EMP, lambda w: {"introduction_id": w.job_introduction.pk}, method="post", status=REFUSED, shows_person=True)],
    "jobs:outcome_add": [Visit(EMP, case, shows_person=True), Visit(EMP, case, method="post", status=200, shows_person=True)],
    "jobs:retention_check": [Visit(EMP, lambda w: {"check_id": w.job_check.pk}, method="post", status=REFUSED, shows_person=True)],
    # network: referrals (つなぎ): the case referred to the partner's organisation names the person
    "network:referral_list": [Visit(W, shows_person=True), Visit(W, query={"status": "open"}, shows_person=True)],
    "network:referral_inbox": [Visit(PARTNER, shows_person=True), Visit(W)],
    "network:referral_overdue": [Visit(W), Visit(PARTNER)],
    "network:referral_create": [Visit(W, case, shows_person=True), Visit(W, case, method="post", status=200, shows_person=True)],
    "network:referral_detail": [Visit(r, referral, shows_person=True) for r in (W, SUP, PARTNER)],
    "network:referral_answer": [Visit(PARTNER, referral, method="post", status=REFUSED, shows_person=True)],
    "network:referral_withdraw": [Visit(W, referral, method="post", status=REFUSED, shows_person=True)],
    "network:referral_forward": [Visit(PARTNER, referral, method="post", status=REFUSED, shows_person=True)],
    "network:network_view": [Visit(W), Visit(STAT), Visit(W, query={"since": "x"}, status=REFUSED)],
    # the register names the seeker of this month (the workbook is compressed: its read is checked in jobs' tests)
    "jobs:register": [Visit(r) for r in (W, EMP)],
    "jobs:register_xlsx": [Visit(EMP)],
    "jobs:register_pdf": [Visit(EMP, shows_person=True)],
    "jobs:placement_report": [Visit(EMP), Visit(EMP, query={"year": "2025"})],
    "jobs:placement_report_pdf": [Visit(EMP, names_no_one=True)],
    # statistics: counts only, whoever reads them (every file is a background job, audited as an export naming no one)
    "statistics:report": [Visit(STAT), Visit(SUP, query={"period": "year", "year": "2026"}), Visit(STAT, query={"month": "x"}, status=REFUSED)],
    "statistics:report_job": [Visit(STAT, method="post", status=REFUSED), Visit(STAT, method="post", data=lambda w: {"format": "xlsx"}, status=302), Visit(STAT, method="post", query={"month": "2026-06", "outside": "on"}, data=lambda w: {"format": "csv_cp932"}, status=302)],
    "statistics:reference": [Visit(STAT)],
    "statistics:population_add": [Visit(STAT, method="post", status=REFUSED)],
    "statistics:benchmark_add": [Visit(STAT, method="post", status=REFUSED)],
    # jobs: the person's Hello Work referral, internship and qualification
    "jobs:hello_work_add": [Visit(EMP, case, shows_person=True), Visit(EMP, case, method="post", status=200, shows_person=True)],
    "jobs:hello_work_detail": [Visit(r, lambda w: {"hello_work_id": w.job_referral.pk}, shows_person=True) for r in (W, EMP, SUP)],
    "jobs:hello_work_plan": [Visit(EMP, lambda w: {"hello_work_id": w.job_referral.pk}, method="post", status=REFUSED, shows_person=True)],
    "jobs:hello_work_result": [Visit(EMP, lambda w: {"hello_work_id": w.job_referral.pk}, method="post", status=REFUSED, shows_person=True)],
    "jobs:internship_add": [Visit(EMP, case, shows_person=True), Visit(EMP, case, method="post", status=200, shows_person=True)],
    "jobs:internship_detail": [Visit(r, lambda w: {"internship_id": w.job_internship.pk}, shows_person=True) for r in (W, EMP, SUP)],
    "jobs:internship_end": [Visit(EMP, lambda w: {"internship_id": w.job_internship.pk}, method="post", status=REFUSED, shows_person=True)],
    "jobs:partner_internships": [Visit(PARTNER, shows_person=True)],
    "jobs:partner_internship": [Visit(PARTNER, lambda w: {"internship_id": w.job_internship.pk}, shows_person=True)],
    "jobs:qualification_add": [Visit(EMP, case, shows_person=True), Visit(EMP, case, method="post", status=200, shows_person=True)],
    "jobs:qualification_result": [Visit(EMP, lambda w: {"qualification_id": w.job_qualification.pk}, shows_person=True), Visit(EMP, lambda w: {"qualification_id": w.job_qualification.pk}, method="post", status=200, shows_person=True)],
    # imports: the supervisor's upload of a ledger row that is the world's person (on record: skipped)
    "imports:home": [Visit(SUP), Visit(SUP, method="post", status=REFUSED)],
    "imports:template": [Visit(SUP)],
    "imports:sample_ledger": [Visit(SUP)],
    "imports:sample_ledger_csv": [Visit(SUP)],
    "imports:sample_records": [Visit(SUP)],
    "imports:mapping": [Visit(SUP, upload)],
    "imports:preview": [Visit(SUP, upload, shows_person=True), Visit(SUP, upload, method="post", status=REFUSED, shows_person=True)],
    "imports:discard": [Visit(SUP, upload, method="post", status=302)],
    # background jobs: what a job is, how far it got, its file; never a person
    "background:my_jobs": [Visit(SUP)],
    "background:job_detail": [Visit(SUP, job), Visit(ADMIN, job)],
    "background:job_progress": [Visit(SUP, job, htmx=True)],
    "background:job_cancel": [Visit(SUP, job, method="post", status=302)],
    "background:job_download": [Visit(SUP, job)],
    # the API (JSON): each list and detail records the people it shows, as the pages do; the lists that
    # carry the person's name (people, notes' text, placements, referrals) show them by it.
    "api:tokens": [Visit(W), Visit(W, method="post", status=REFUSED)],
    "api:token_revoke": [Visit(W, api_token, status=405), Visit(W, api_token, method="post", status=302)],
    "api:schema": [Visit(W)],
    "api:docs": [Visit(W)],
    "api:statistics": [Visit(STAT), Visit(SUP)],
    "api:people_list": [Visit(r, shows_person=True) for r in (W, CITY)],
    "api:people_detail": [Visit(r, person, shows_person=True) for r in (W, CITY)],
    "api:cases_list": [Visit(r) for r in (W, CITY)],
    "api:cases_detail": [Visit(r, case) for r in (W, CITY)],
    "api:notes_list": [Visit(r, shows_person=True) for r in (W, CITY)],
    "api:notes_detail": [Visit(r, note, shows_person=True) for r in (W, CITY)],
    "api:plans_list": [Visit(W)],
    "api:plans_detail": [Visit(W, plan)],
    "api:placements_list": [Visit(r, shows_person=True) for r in (W, PARTNER)],
    "api:placements_detail": [Visit(r, placement, shows_person=True) for r in (W, PARTNER)],
    "api:attendance_list": [Visit(r) for r in (W, PARTNER)],
    "api:attendance_detail": [Visit(r, attendance) for r in (W, PARTNER)],
    "api:referrals_list": [Visit(r, shows_person=True) for r in (W, PARTNER)],
    "api:referrals_detail": [Visit(r, referral, shows_person=True) for r in (W, PARTNER)],
    "api:work_logs_list": [Visit(r) for r in (W, PARTNER)],
    "api:work_logs_detail": [Visit(r, work_log) for r in (W, PARTNER)],
    # work: the skill ladder (the world's person has no work logs: the queue lists no one)
    "work:ladder_sites": [Visit(W)],
    "work:site_levels": [Visit(W, host)],
    "work:person": [
        Visit(r, person, shows_person=True) for r in (W, EMP, SUP)
    ] + [Visit(W, person, query={"goal": "50000"}, shows_person=True), Visit(W, person, query={"goal": "1"}, status=REFUSED, shows_person=True)],
    "work:skill_queue": [Visit(SUP, host)],
    "work:skill_confirm": [
        Visit(SUP, person, shows_person=True),
        Visit(SUP, person, method="post", status=REFUSED, shows_person=True),
    ],
    "work:skill_set": [
        Visit(SUP, person, shows_person=True),
        Visit(SUP, person, method="post", status=REFUSED, shows_person=True),
    ],
    "work:day_sheet_index": [Visit(W)],
    "work:day_sheet": [
        Visit(W, host, shows_person=True),
        Visit(W, host, method="post", data=lambda w: {"placement": [w.placement.pk], f"p{w.placement.pk}-status": "x"},
              status=REFUSED, shows_person=True),
    ],
    "work:partner_day_sheet_index": [Visit(PARTNER)],
    "work:partner_day_sheet": [
        Visit(PARTNER, host, shows_person=True),
        Visit(PARTNER, host, method="post", data=lambda w: {"placement": [w.placement.pk], f"p{w.placement.pk}-hours": "x"},
              status=REFUSED, shows_person=True),
    ],
    "work:pay_index": [Visit(W)],
    "work:pay_host": [Visit(r, worked_host, shows_person=True) for r in (W, SUP)],
    "work:pay_close": [
        Visit(SUP, worked_host, status=405),
        Visit(SUP, worked_host, method="post", status=REFUSED, shows_person=True),
    ],
    "work:pay_adjustment_add": [Visit(SUP, worked_host, method="post", status=REFUSED, shows_person=True)],
    "work:pay_statement_pdf": [Visit(W, pay_statement, shows_person=True)],
    "work:totals": [Visit(SUP), Visit(STAT)],
    # Contracts name no one; the assignment pages name the case's program, not its person.
    "contracts:history": [Visit(SUP), Visit(STAT)],
    "contracts:contract_create": [
        Visit(SUP), Visit(SUP, method="post", data=lambda w: {"fiscal_year": "x"}, status=REFUSED),
    ],
    "contracts:contract_detail": [Visit(r, lambda w: {"contract_id": w.contract.pk}) for r in (SUP, STAT)],
    "contracts:contract_edit": [Visit(SUP, lambda w: {"contract_id": w.contract.pk})],
    "contracts:contract_xlsx": [Visit(SUP, lambda w: {"contract_id": w.contract.pk})],
    "contracts:case_assign": [
        Visit(W, case), Visit(W, case, method="post", data=lambda w: {"contract": "x"}, status=REFUSED),
    ],
    "contracts:placement_assign": [Visit(W, lambda w: {"placement_id": w.placement.pk})],
    # Ending an assignment names the case's reference and program, not its person; the milestones no one.
    "contracts:case_assignment_end": [
        Visit(W, lambda w: {"case_assignment_id": w.case_assignment.pk}),
        Visit(W, lambda w: {"case_assignment_id": w.case_assignment.pk}, method="post",
              data=lambda w: {"to_on": "x"}, status=REFUSED),
    ],
    "contracts:placement_assignment_end": [
        Visit(W, lambda w: {"placement_assignment_id": w.placement_assignment.pk})
    ],
    "contracts:milestone_create": [
        Visit(SUP), Visit(SUP, method="post", data=lambda w: {"on": "x"}, status=REFUSED),
    ],
    "contracts:milestone_edit": [Visit(SUP, lambda w: {"milestone_id": w.milestone.pk})],
    "contracts:milestone_remove": [
        Visit(SUP, lambda w: {"milestone_id": w.milestone.pk}, status=405),
        Visit(SUP, lambda w: {"milestone_id": w.milestone.pk}, method="post", status=302),
    ],
    "work:earned_income": [Visit(r, lambda w: worked_host(w) and {}, shows_person=True) for r in (W, CITY)],
    # children: a child of the person's household (same family name), shown with the guardian
    # community: issues, resources and projects name no one; a resource's referred people and volunteers, a
    # project's participants (placements with its host) and the overview's supporters do, to casework staff.
    "community:home": [Visit(W, shows_person=True), Visit(STAT)],
    "community:issue_list": [Visit(W)],
    "community:issue_create": [Visit(W), Visit(W, method="post", status=200)],
    "community:issue_detail": [Visit(W, issue)],
    "community:issue_match": [Visit(W, issue, method="post", status=REFUSED)],
    "community:issue_status": [Visit(W, issue, method="post", status=REFUSED)],
    "community:issue_edit": [Visit(W, issue), Visit(W, issue, method="post", data=lambda w: {"title": ""}, status=REFUSED)],
    "community:session_edit": [Visit(W, resource_session), Visit(PARTNER, resource_session), Visit(W, resource_session, method="post", data=lambda w: {"meals": "-1"}, status=REFUSED)],
    "community:resource_list": [Visit(W)],
    "community:resource_create": [Visit(W), Visit(W, method="post", status=200)],
    "community:resource_detail": [Visit(W, resource, shows_person=True), Visit(PARTNER, resource), Visit(STAT, resource)],
    "community:session_create": [Visit(W, resource, method="post", status=REFUSED, shows_person=True)],
    "community:supporter_create": [Visit(W, person, shows_person=True), Visit(W, person, method="post", status=200, shows_person=True)],
    "community:supporter_edit": [Visit(W, supporter_role, shows_person=True), Visit(W, supporter_role, method="post", data=lambda w: {"kind": "x"}, status=REFUSED, shows_person=True)],
    "community:supporter_end": [Visit(W, supporter_role, shows_person=True), Visit(W, supporter_role, method="post", data=lambda w: {"ended_on": "x"}, status=REFUSED, shows_person=True)],
    "community:area_view": [Visit(W), Visit(STAT)],
    "community:area_export": [Visit(W)],
    "community:body_detail": [Visit(W, lambda w: {"body_id": w.body.pk})],
    "community:body_area": [Visit(W, lambda w: {"body_id": w.body.pk}, method="post", status=REFUSED)],
    "community:project_list": [Visit(W)],
    "community:project_create": [Visit(W), Visit(W, method="post", status=200)],
    "community:project_detail": [Visit(W, project, shows_person=True), Visit(STAT, project)],
    "community:project_diagram": [Visit(W, project)],
    "community:partner_add": [Visit(W, project, method="post", status=REFUSED, shows_person=True)],
    "community:flow_add": [Visit(W, project, method="post", status=REFUSED, shows_person=True)],
    "community:work_day_add": [Visit(W, project, method="post", status=REFUSED, shows_person=True)],
    "children:child_list": [Visit(W, shows_person=True)],
    "children:child_add": [Visit(W, person, shows_person=True), Visit(W, person, method="post", status=200, shows_person=True)],
    "children:child_detail": [Visit(r, child, shows_person=True) for r in (W, EMP)],
    "children:child_edit": [Visit(W, child, method="post", status=REFUSED, shows_person=True)],
    # the child as a pupil of the entrance support, with the guardian as the parent
    "children:entrance": [Visit(W, lambda w: pupil(w) and {}, shows_person=True)],
    "children:pupil_add": [Visit(W, child, shows_person=True), Visit(W, child, method="post", status=200, shows_person=True)],
    "children:pupil_detail": [Visit(r, pupil, shows_person=True) for r in (W, EMP)],
    "children:pupil_plan": [Visit(W, pupil, method="post", status=REFUSED, shows_person=True)],
    "children:pupil_outcome": [Visit(W, pupil, method="post", status=REFUSED, shows_person=True)],
    "children:parent_session_add": [Visit(W, pupil, method="post", status=REFUSED, shows_person=True)],
    "children:application_add": [Visit(W, pupil, method="post", status=REFUSED, shows_person=True)],
    "children:reference_edit": [Visit(ADMIN, reference)],
    # まじくる: the child enrolled in a class of its own; tutors are kept by children's-support staff only
    "children:child_enrol": [Visit(W, child, shows_person=True), Visit(W, child, method="post", status=REFUSED, shows_person=True)],
    "children:note_add": [Visit(W, child, status=405), Visit(W, child, method="post", status=REFUSED, shows_person=True)],
    "children:guardian_contact_add": [Visit(W, child, method="post", status=REFUSED, shows_person=True)],
    "children:class_list": [Visit(W)],
    "children:class_detail": [Visit(r, children_class, shows_person=True) for r in (W, EMP)],
    "children:tutor_add": [Visit(W, children_class, method="post", status=403)],
}  # fmt: skip


def url_names() -> list[str]:
    """Every named URL of the project, as reverse() knows it ("namespace:name")."""
    names: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
            elif isinstance(entry, URLPattern):
                names.append(f"{prefix}{entry.name}" if entry.name else f"{prefix}<unnamed {entry.pattern}>")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_of_the_project_has_an_entry_in_the_walk():
    missing = sorted(set(url_names()) - set(PAGES))
    assert not missing, f"URLs the audit walk does not request (add them to PAGES): {missing}"
    stale = sorted(set(PAGES) - set(url_names()))
    assert not stale, f"entries for URLs that no longer exist: {stale}"
    assert all(PAGES.values()), "every URL is requested at least once"


# ---------------------------------------------------------------- the world


@pytest.fixture
def world(consultation_worker, employment_worker, supervisor, city_caseworker, partner_staff):
    """The person with a case (referred by the city, with consent to share with it), a support note, a
    submitted plan, a requested closure, a household member, and a placement with the partner's
    organisation with a session today."""
    today = timezone.localdate()
    person = PersonFactory(
        family_name=FAMILY,
        given_name=GIVEN,
        family_name_kana=FAMILY_KANA,
        given_name_kana=GIVEN_KANA,
        phone=PHONE,
    )
    the_case = CaseFactory(
        person=person, worker=consultation_worker, employment_worker=employment_worker,
        referring_caseworker=city_caseworker, route="city_department",
    )  # fmt: skip
    consent = Consent.objects.create(
        person=person,
        scope=ConsentScope.SHARE_CITY,
        signed_on=the_case.intake_date,
        recorded_by=consultation_worker,
    )
    member = HouseholdMember.objects.create(person=person, name=f"{FAMILY} 母", relation="母")
    case_services.add_note(
        case=the_case, actor=consultation_worker, occurred_at=timezone.now() - dt.timedelta(days=1),
        method="phone", minutes=10, content=f"{FAMILY}さんに電話で近況を聞いた",
    )  # fmt: skip
    start = the_case.intake_date
    assessment = case_services.record_assessment(
        case=the_case, actor=consultation_worker, scores={"daily_routine": 2}, confirmed_stage="daily_life",
        fields={"assessed_on": start, "work_status": "unemployed", "housing_type": "rented"},
    )  # fmt: skip
    the_plan = case_services.create_plan(
        case=the_case, actor=consultation_worker,
        fields={"period_start": start, "period_end": start + dt.timedelta(days=180), "long_term_goal": "自立",
                "short_term_goals": "通所", "agreed_on": start, "next_monitoring_on": today},
    )  # fmt: skip
    case_services.submit_plan(plan=the_plan, actor=consultation_worker)
    evaluation = Evaluation.objects.create(
        case=the_case, plan=the_plan, evaluated_on=today, summary="評価", outcome="continue",
        worker=consultation_worker,
    )  # fmt: skip
    closure = case_services.request_closure(
        case=the_case, actor=consultation_worker, closed_on=today, reason="employed"
    )
    the_host = ProgramHostFactory(organisation=partner_staff.organisation)
    the_placement = PlacementFactory(case=the_case, host=the_host, worker=employment_worker)
    the_work_type = WorkTypeFactory(host=the_host)
    WorkLogFactory(
        work_type=the_work_type, attendance__placement=the_placement,
        attendance__session__date=today - dt.timedelta(days=2),
    )  # fmt: skip
    # Another person of the same office, for the merge page's second side.
    other = CaseFactory(worker=consultation_worker).person
    # A case conference with the case on its agenda and an action about it, and a 部会.
    the_meeting = network_services.create_meeting(
        actor=supervisor, fields={"kind": "case_conference", "body": None, "held_on": today},
        attendees=[consultation_worker],
    )  # fmt: skip
    network_services.add_cases_to_agenda(actor=supervisor, meeting=the_meeting, cases=[the_case])
    action = network_services.add_action_item(
        actor=supervisor, meeting=the_meeting,
        fields={"text": "見守り", "owner": consultation_worker, "due_on": today, "case": the_case},
    )  # fmt: skip
    body = network_services.save_body(
        actor=supervisor, fields={"name": "美原"}, members=[consultation_worker]
    )
    directory_service = DirectoryServiceFactory(organisation=partner_staff.organisation)
    jobs = _job_placement(the_case, employment_worker, intern_host=partner_staff.organisation)
    the_referral = _referral(consultation_worker, the_case, partner_staff.organisation)
    the_child = _child(person, consultation_worker)
    community = _community(consultation_worker, person, the_host, partner_staff.organisation)
    return SimpleNamespace(
        **community,
        **jobs,
        referral=the_referral,
        directory_service=directory_service, opening_time=OpeningTimeFactory(service=directory_service),
        person=person, case=the_case, plan=the_plan, closure=closure, assessment=assessment, consent=consent, member=member,
        host=the_host, placement=the_placement, session=SessionFactory(host=the_host),
        organisation=partner_staff.organisation, worker=consultation_worker, other_person=other,
        evaluation=evaluation, work_type=the_work_type,
        meeting=the_meeting, action=action, body=body, child=the_child,
        children_class=_children_class(the_child, consultation_worker),
        **_contract_rows(_contract(supervisor), the_case, the_placement),
    )  # fmt: skip


def _community(worker, person, host, organisation) -> dict:
    """An issue; a cafeteria of the organisation the person was referred to, where the person volunteers;
    a project whose participants are the host's placements (the person's among them)."""
    from tsunagu.community import services as community
    from tsunagu.community.models import ResourceKind, Theme
    from tsunagu.testing.factories import AreaFactory

    today, area, food = timezone.localdate(), AreaFactory(name="美原"), Theme.objects.get(code="food")
    the_issue = community.raise_issue(
        actor=worker,
        fields={"area": area, "theme": food, "title": "夕食", "raised_on": today, "people_touched": 9},
    )
    the_resource = community.add_resource(actor=worker, fields={
        "name": "みはらかがやき食堂", "kind": ResourceKind.objects.get(code="cafeteria"), "area": area,
        "owner": organisation, "themes": [food], "started_on": today - dt.timedelta(days=400),
    })  # fmt: skip
    role = community.add_supporter_role(
        actor=worker,
        person=person,
        fields={"kind": "volunteer", "resource": the_resource, "started_on": today},
    )
    the_project = community.create_project(
        actor=worker, fields={"name": "音別ふき蕗団", "area": area, "host": host, "started_on": today}
    )
    the_session = community.record_resource_session(actor=worker, resource=the_resource, fields={
        "held_on": today, "meals": 30, "volunteers": 5, "children": 20, "adults": 10,
    })  # fmt: skip
    return {
        "issue": the_issue, "resource": the_resource, "project": the_project, "supporter_role": role,
        "resource_session": the_session,
    }  # fmt: skip


def _contract(supervisor):
    """This fiscal year's city consultation contract."""
    from tsunagu.contracts import services as contracts
    from tsunagu.core.dates import fiscal_year_bounds, fiscal_year_of

    year = fiscal_year_of(timezone.localdate())
    first, last = fiscal_year_bounds(year)
    fields = {
        "funder": "city", "fiscal_year": year, "service": "consultation", "title": "", "starts_on": first,
        "ends_on": last, "model_project": False, "deliverables": "",
    }  # fmt: skip
    return contracts.create_contract(actor=supervisor, fields=fields)


def _contract_rows(contract, the_case, the_placement) -> dict:
    """The contract, an event of the 沿革, and the contract carrying the case and its placement."""
    from tsunagu.contracts.models import CaseAssignment, Milestone, PlacementAssignment

    by, first = contract.created_by, contract.starts_on
    return {
        "contract": contract,
        "milestone": Milestone.objects.create(on=timezone.localdate(), text="法人設立", created_by=by),
        "case_assignment": CaseAssignment.objects.create(
            contract=contract, case=the_case, created_by=by,
            from_on=min(max(first, the_case.intake_date), contract.ends_on),
        ),
        "placement_assignment": PlacementAssignment.objects.create(
            contract=contract, placement=the_placement, from_on=first, created_by=by
        ),
    }  # fmt: skip


def _child(guardian, worker):
    from tsunagu.children import services as children

    return children.add_child(
        actor=worker, guardian=guardian, relation="長男",
        person_fields={"family_name": FAMILY, "given_name": "子", "family_name_kana": FAMILY_KANA,
                       "given_name_kana": "こ", "date_of_birth": dt.date(2012, 5, 5), "sex": "male"},
        fields={"school": "", "recorded_grade": None, "household_situation": "hardship"},
    )  # fmt: skip


def _children_class(the_child, worker):
    """まじくる with the child enrolled (a host of a children's program)."""
    from tsunagu.children.services_classes import enrol_child
    from tsunagu.testing.factories import ProgramFactory

    program = ProgramFactory(name="子ども学習支援", stage="", category="children", weekdays=[0, 2, 4])
    host = ProgramHostFactory(program=program)
    enrol_child(actor=worker, child=the_child, host=host, status="active", on=timezone.localdate())
    return host


def _job_placement(the_case, worker, *, intern_host) -> dict:
    """The person registered as a job seeker, introduced to an opening, and a start with its checks; an
    internship at the partner's organisation (its staff see it in the partner portal)."""
    from tsunagu.jobs import services as jobs_services
    from tsunagu.testing.factories import JobOpeningFactory, JobSeekerFactory

    opening = JobOpeningFactory(created_by=worker, occupation="清掃")
    seeker = JobSeekerFactory(case=the_case, created_by=worker, occupations="清掃")
    introduction = jobs_services.introduce(
        actor=worker, seeker=seeker, opening=opening, introduced_on=timezone.localdate()
    )
    outcome = jobs_services.record_work_outcome(
        actor=worker, case=the_case,
        fields={"kind": "started_work", "on": timezone.localdate(), "employer_name": "清掃舎",
                "employment_form": "part_time", "route": "own_search"},
    )  # fmt: skip
    today = timezone.localdate()
    referral = jobs_services.refer_to_hello_work(
        actor=worker, case=the_case, fields={"office": opening.employer, "referred_on": today}
    )
    internship = jobs_services.start_internship(
        actor=worker, case=the_case,
        fields={"host": intern_host, "starts_on": today, "ends_on": today, "hours_per_week": 10,
                "paid": False, "allowance": None, "terms": ""},
    )  # fmt: skip
    qualification = jobs_services.add_qualification(
        actor=worker, case=the_case,
        fields={"course": "簿記", "provider": "", "cost": None, "funding": "self", "starts_on": today, "ends_on": None},
    )  # fmt: skip
    return {
        "job_opening": opening, "job_seeker": seeker, "job_introduction": introduction,
        "job_check": outcome.retention_checks.get(months=1),
        "job_referral": referral, "job_internship": internship, "job_qualification": qualification,
    }  # fmt: skip


def _referral(worker, the_case, organisation):
    """The case referred to the partner's organisation, with the person's consent to share with it."""
    from tsunagu.network.services_referrals import send_referral
    from tsunagu.people.services import record_consent

    record_consent(
        person=the_case.person, actor=worker, scope=ConsentScope.SHARE_PARTNERS, signed_on=the_case.intake_date,
        shared_with=[organisation],
    )  # fmt: skip
    fields = {"receiver": organisation, "service": None, "need": "居場所", "message": "", "respond_by": None}
    return send_referral(actor=worker, case=the_case, fields=fields)


VISITS = [
    pytest.param(name, i, id=f"{name}#{i}-{visit.role}-{visit.method}{'-htmx' if visit.htmx else ''}")
    for name, visits in PAGES.items()
    for i, visit in enumerate(visits)
]


@pytest.mark.parametrize(("name", "index"), VISITS)
def test_a_page_that_shows_a_person_records_who_saw_them(request, client_as, world, name, index):
    visit = PAGES[name][index]
    viewer = request.getfixturevalue(visit.role)
    client = client_as(viewer)
    headers = {"HX-Request": "true"} if visit.htmx else {}
    path = reverse(name, kwargs=visit.kwargs(world))
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if visit.method == "get":
        response = client.get(path, visit.query, headers=headers)
    else:
        response = client.post(path, visit.data(world), headers=headers)
    assert response.status_code == visit.status, (path, response.status_code)

    body = response.content.decode(errors="replace")
    is_pdf = response.get("Content-Type", "").startswith("application/pdf") and not visit.names_no_one
    shows = is_pdf or FAMILY in body or FAMILY_KANA in body
    assert shows or not visit.shows_person, f"{path} was expected to show the person"
    reads = list(AuditEvent.objects.filter(id__gt=before, action__in=READS))
    assert len(reads) <= 1, f"{path} recorded {len(reads)} reads: one event per response"
    for event in reads:
        assert FAMILY not in str(event.detail) and GIVEN not in str(event.detail), "ids only, never names"
    if shows:
        assert reads, f"{path} ({visit.role}) shows the person and recorded no read"
        (event,) = reads
        assert event.actor == viewer
        assert world.person.pk in event.detail["people"], (path, event.detail)
        assert event.detail["page"]
