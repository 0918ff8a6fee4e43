"""The service contract holds (docs/architecture.md, Services and Views): every service in an app's
`services.py` is keyword-only, takes the user it acts for as a typed `actor`, never `request`, and runs in
one transaction; no view reads through a model manager (`.objects.`), reads go through selectors; views
refuse only through `require_perm`; and a form field renamed without its service fails loudly instead of
vanishing."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

import tsunagu
from tsunagu.cases.models import Assessment, Case, Plan
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Person
from tsunagu.programs.models import Program
from tsunagu.testing.factories import CaseFactory

APPS = Path(tsunagu.__file__).resolve().parent
TODAY = timezone.localdate()

# Public functions of services.py that are not services (they act for no user, or are a step of a service
# that authorises and audits), each with the reason. A new public function is a service unless named here.
NOT_SERVICES = {
    "audit.record_event": "the audit primitive every service calls; views pass request for their own events",
    "audit.record_events": "record_event for a batch of records (an import), in its caller's transaction",
    "audit.record_people_seen": "a view's record of the people a response shows (request, ids)",
    "audit.source_address": "record_event's address: the request's, else the request context's",
    "accounts.ensure_role_groups": "the role groups, set up by migrations, the demo and the user services",
    "cases.derive_status": "the rule a case's status follows, read by refresh_status",
    "cases.refresh_status": "a step of the case services, which authorise and audit",
    "cases.propose_stage": "the assessment's stage rule, a pure function of the scores",
    "cases.explain_stage": "the same rule with its reasons, for the assessment's pages",
    "cases.move_cases_on_merge": "cases' merge step, called by merge_people",
    "people.validate_birth_date": "a check shared by build_person and update_person",
    "people.build_person": "an unsaved person for register_intake, which authorises and audits",
    "people.move_people_rows_on_merge": "people's merge step, called by merge_people",
    "children.move_child_records_on_merge": "children's merge step, called by merge_people",
    "programs.scheduled_days": "a pure function of a program's schedule",
    "programs.first_day": "a pure function of a placement's dates",
    "programs.move_placements_on_merge": "programs' merge step, called by merge_people",
    "work.move_work_on_merge": "work's merge step, called by merge_people",
}


def _relative(path: Path) -> str:
    return str(path.relative_to(APPS.parent))


def _public_functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [node for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]


def _is_atomic(function: ast.FunctionDef) -> bool:
    return any(ast.unparse(decorator).endswith("transaction.atomic") for decorator in function.decorator_list)


def contract_problems(function: ast.FunctionDef) -> list[str]:
    """What a service breaks of the contract (empty when it keeps it)."""
    arguments = function.args
    problems = []
    positional = [a.arg for a in arguments.posonlyargs + arguments.args]
    if positional or arguments.vararg:
        problems.append(f"positional parameters {positional or ['*' + arguments.vararg.arg]}")
    keywords = {a.arg: a for a in arguments.kwonlyargs}
    if "request" in keywords:
        problems.append("takes request (the audit address comes from core.requestcontext)")
    if "actor" not in keywords:
        problems.append("no keyword-only actor")
    elif keywords["actor"].annotation is None:
        problems.append("an untyped actor")
    if not _is_atomic(function):
        problems.append("not @transaction.atomic")
    return problems


def manager_reads(source: str) -> list[int]:
    """The lines of a module that reach a model manager (`.objects`)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr == "objects"
    ]


def _services() -> list[tuple[str, ast.FunctionDef]]:
    return [
        (f"{path.parent.name}.{function.name}", function)
        for path in sorted(APPS.glob("*/services*.py"))
        for function in _public_functions(path)
    ]


def test_every_service_is_keyword_only_takes_a_typed_actor_and_no_request_and_is_atomic():
    broken = {
        name: problems
        for name, function in _services()
        if name not in NOT_SERVICES and (problems := contract_problems(function))
    }
    assert not broken, (
        f"Services that break the contract: {broken}. Fix them (docs/architecture.md, Services), or, for a "
        "public function that acts for no one, add it to NOT_SERVICES with the reason."
    )


def test_the_functions_left_out_of_the_contract_exist():
    assert set(NOT_SERVICES) <= {name for name, _function in _services()}


def test_no_view_reads_through_a_model_manager():
    reads = [
        f"{_relative(path)}:{line}"
        for path in sorted(APPS.glob("*/views*.py"))
        for line in manager_reads(path.read_text())
    ]
    assert not reads, f"Views read through .objects at {reads}: read through a selector (selectors.py)."


def own_refusals(source: str) -> list[int]:
    """The lines of a module that refuse by themselves (`raise PermissionDenied`) instead of asking
    `require_perm`, the views' one guard."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Raise)
        and node.exc is not None
        and "PermissionDenied" in ast.unparse(node.exc)
    ]


def test_views_refuse_only_through_require_perm():
    refusals = [
        f"{_relative(path)}:{line}"
        for path in sorted(APPS.glob("*/views*.py"))
        for line in own_refusals(path.read_text())
    ]
    assert not refusals, (
        f"Views refuse by themselves at {refusals}: name the permission in the app's rules.py and call "
        "require_perm(request, permission, obj) from tsunagu/core/http.py."
    )


# The checks themselves, on code that breaks each rule (so that a check that stopped seeing is caught).


def _function(source: str) -> ast.FunctionDef:
    return ast.parse(source).body[0]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("@transaction.atomic\ndef place(person, *, actor: User): ...", "positional"),
        ("@transaction.atomic\ndef place(*people, actor: User): ...", "positional"),
        ("@transaction.atomic\ndef place(*, actor: User, request=None): ...", "takes request"),
        ("@transaction.atomic\ndef place(*, user: User): ...", "no keyword-only actor"),
        ("@transaction.atomic\ndef place(*, actor): ...", "untyped actor"),
        ("def place(*, actor: User): ...", "not @transaction.atomic"),
    ],
)
def test_the_contract_check_names_what_a_service_breaks(source, problem):
    assert any(problem in found for found in contract_problems(_function(source)))


def test_the_contract_check_passes_a_service_that_keeps_it():
    source = "@transaction.atomic\ndef place(*, actor: User, person: Person, **fields: Any) -> None: ..."
    assert contract_problems(_function(source)) == []


def test_the_guard_check_finds_a_view_that_refuses_by_itself():
    source = "def page(request):\n    if not request.user.is_staff:\n        raise PermissionDenied\n"
    assert own_refusals(source) == [3]


def test_the_view_check_finds_a_read_through_a_manager():
    source = "def page(request):\n    case = get_case(request.user, 1)\n    return type(case).objects.all()\n"
    assert manager_reads(source) == [3]


# ---------------------------------------------------------------- a form field renamed alone fails loudly


def renamed(form_class: type, old: str, new: str) -> type:
    """The form with one field renamed, as if someone renamed it in the form and not in the service."""

    class Renamed(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[new] = self.fields.pop(old)

    return Renamed


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, intake_date=TODAY - dt.timedelta(days=30))


def _intake(_case) -> dict:
    return {
        "family_name": "山田", "given_name": "太郎", "family_name_kana": "やまだ", "given_name_kana": "たろう",
        "date_of_birth": "1980-04-01", "sex": "male", "intake_date": TODAY.isoformat(), "route": "self",
        "concerns": ["income"], "most_pressing": "income", "screening_outcome": "continuing",
        "contract": "consultation", "welfare_status": "not_receiving", "confirm_new_person": "on",
        "address": "釧路市幸町1-1", "wishes": "仕事を見つけたい",
    }  # fmt: skip


def _plan(case) -> dict:
    return {
        "period_start": case.intake_date.isoformat(), "period_end": (TODAY + dt.timedelta(days=150)).isoformat(),
        "long_term_goal": "就労による自立", "short_term_goals": "生活リズムを整える", "own_actions": "面談に来る",
        "statutory_services": ["consultation"], "agreed_on": TODAY.isoformat(),
    }  # fmt: skip


def _assessment(_case) -> dict:
    return {
        "assessed_on": TODAY.isoformat(), "work_status": "unemployed", "housing_type": "rented",
        "strengths": "人と話すのが好き", "urgency": "medium", "confirmed_stage": "daily_life",
    }  # fmt: skip


def _person(case) -> dict:
    person = case.person
    return {
        "family_name": person.family_name, "given_name": person.given_name,
        "family_name_kana": person.family_name_kana, "given_name_kana": person.given_name_kana,
        "sex": person.sex, "address": "釧路市幸町1-1", "edit_version": person.edit_version,
    }  # fmt: skip


def _organisation(_case) -> dict:
    return {"name": "NPO法人 まじくる", "reading": "まじくる", "type": "npo", "is_active": "on"}


def _program(_case) -> dict:
    return {
        "name": "整理収納プログラム", "category": "daily_life", "place": "家庭訪問", "weekdays": ["0"],
        "start_time": "10:00", "end_time": "12:00", "active_from": "2004-04-01", "sort_order": "50",
    }  # fmt: skip


# (view module, form, field renamed, the page, its data, who posts it, what would have been saved)
RENAMES = [
    ("tsunagu.cases.views", "IntakeForm", "wishes", "/cases/new/", _intake, "consultation_worker",
     lambda: Case.objects.count()),
    ("tsunagu.cases.views", "IntakeForm", "address", "/cases/new/", _intake, "consultation_worker",
     lambda: Person.objects.count()),
    ("tsunagu.cases.views", "PlanForm", "own_actions", "/cases/{case}/plans/new/", _plan, "consultation_worker",
     lambda: Plan.objects.count()),
    ("tsunagu.cases.views", "AssessmentForm", "strengths", "/cases/{case}/assessment/", _assessment,
     "consultation_worker", lambda: Assessment.objects.count()),
    ("tsunagu.people.views", "PersonForm", "address", "/people/{person}/edit/", _person, "consultation_worker",
     lambda: Person.objects.filter(address="釧路市幸町1-1").count()),
    ("tsunagu.organisations.views", "OrganisationForm", "reading", "/organisations/new/", _organisation,
     "administrator", lambda: Organisation.objects.filter(name="NPO法人 まじくる").count()),
    ("tsunagu.programs.views_catalog", "ProgramForm", "place", "/programs/new/", _program,
     "administrator", lambda: Program.objects.count()),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("module", "form", "field", "url", "data", "role", "saved"),
    RENAMES,
    ids=[f"{form}.{field}" for _m, form, field, *_rest in RENAMES],
)
def test_a_form_field_renamed_without_its_service_fails_loudly_and_saves_nothing(
    request, monkeypatch, client_as, case, module, form, field, url, data, role, saved
):
    views = __import__(module, fromlist=[form])
    before = saved()
    new = f"{field}_renamed"
    posted = data(case)
    posted[new] = posted.pop(field)
    client = client_as(request.getfixturevalue(role))
    monkeypatch.setattr(views, form, renamed(getattr(views, form), field, new))
    with pytest.raises(TypeError, match=new):
        client.post(url.format(case=case.pk, person=case.person_id), posted)
    assert saved() == before


@pytest.mark.django_db
def test_the_same_forms_unrenamed_save(client_as, consultation_worker, case):
    """The data above is what the forms accept: the refusals are the renaming's, not the data's."""
    client = client_as(consultation_worker)
    assert client.post("/cases/new/", _intake(case)).status_code == 302
    assert client.post(f"/cases/{case.pk}/plans/new/", _plan(case)).status_code == 302
    assert client.post(f"/cases/{case.pk}/assessment/", _assessment(case)).status_code == 302
    assert client.post(f"/people/{case.person_id}/edit/", _person(case)).status_code == 302


@pytest.mark.django_db
def test_the_same_catalog_and_directory_forms_unrenamed_save(client_as, administrator):
    client = client_as(administrator)
    assert client.post("/organisations/new/", _organisation(None)).status_code == 302
    assert client.post("/programs/new/", _program(None)).status_code == 302
