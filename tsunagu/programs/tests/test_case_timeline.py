"""programs adds each placement step and each host's evaluation to the case timeline (cases/timeline.py);
cases does not import it."""

import datetime as dt
import re

from django.utils import timezone

from tsunagu.programs.models import PlacementEvaluation
from tsunagu.testing.factories import CaseFactory, PlacementFactory, ProgramFactory, ProgramHostFactory


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def entries(html: str, kind: str) -> list[str]:
    found = re.findall(rf'<li class="card" data-kind="{kind}">(.*?)</li>', html, re.S)
    return [re.sub(r"<[^>]+>", "", text).strip() for text in found]


def placed(case, partner_org, **steps):
    host = ProgramHostFactory(program=ProgramFactory(name="動物園環境整備"), organisation=partner_org)
    return PlacementFactory(case=case, host=host, worker=case.worker, **steps)


def test_each_placement_step_is_on_the_case_timeline_with_its_program_and_host(
    client_as, consultation_worker, partner_org
):
    case = CaseFactory(worker=consultation_worker, intake_date=days_ago(60))
    placement = placed(
        case, partner_org, status="interrupted", visited_on=days_ago(40), trial_from=days_ago(30),
        started_on=None, interrupted_on=days_ago(10), interruption_reason="体調不良が続いたため",
    )  # fmt: skip
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    steps = entries(html, "placement")
    host = f"動物園環境整備（{partner_org.name}）"
    assert [step[: step.index(host) + len(host)] for step in steps] == [
        f"中断：{host}", f"体験：{host}", f"見学：{host}",
    ]  # fmt: skip
    assert "体調不良が続いたため" in steps[0]
    assert f'href="/programs/placements/{placement.pk}/"' in html


def test_a_hosts_evaluation_is_on_the_case_timeline(
    client_as, consultation_worker, partner_staff, partner_org
):
    case = CaseFactory(worker=consultation_worker, intake_date=days_ago(60))
    placement = placed(case, partner_org, started_on=days_ago(30))
    PlacementEvaluation.objects.create(
        placement=placement, evaluated_on=days_ago(5), evaluator=partner_staff, greeting=4, punctuality=3,
        concentration=3, cooperation=2, understanding=4, comment="挨拶がしっかりできる",
    )  # fmt: skip
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    (evaluation,) = entries(html, "host_evaluation")
    assert evaluation.startswith(f"受入先の評価：動物園環境整備（{partner_org.name}）")
    assert "挨拶 4/4" in evaluation and "挨拶がしっかりできる" in evaluation
    assert partner_staff.display_name in evaluation


def test_the_city_caseworker_sees_no_placement_on_the_timeline(
    client_as, consultation_worker, city_caseworker, partner_org
):
    case = CaseFactory(
        worker=consultation_worker, intake_date=days_ago(60), referring_caseworker=city_caseworker
    )
    placed(case, partner_org, started_on=days_ago(30))
    html = client_as(city_caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert entries(html, "placement") == []


def test_a_placement_of_another_case_of_the_person_stays_off_this_timeline(
    client_as, consultation_worker, partner_org
):
    earlier = CaseFactory(worker=consultation_worker, intake_date=days_ago(400), status="closed")
    case = CaseFactory(worker=consultation_worker, person=earlier.person, intake_date=days_ago(60))
    placed(earlier, partner_org, started_on=days_ago(300))
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    assert entries(html, "placement") == []
