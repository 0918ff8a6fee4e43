"""Community projects (音別ふき蕗団): partners with roles, flows between them, work days and their output,
participants as placements with the project's host; the flow diagram drawn on the server."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagu.community import services
from tsunagu.community.models import ProjectFlow, WorkDay
from tsunagu.community.tests.builders import today
from tsunagu.testing.factories import (
    AreaFactory,
    CaseFactory,
    OrganisationFactory,
    PlacementFactory,
    ProgramHostFactory,
)

pytestmark = pytest.mark.django_db


def _project(actor, *, host=None):
    project = services.create_project(
        actor=actor,
        fields={
            "name": "音別ふき蕗団", "area": AreaFactory(name="音別"), "host": host, "output_label": "蕗",
            "started_on": today() - dt.timedelta(days=90),
        },
    )  # fmt: skip
    council, school = (
        OrganisationFactory(name="釧路社会的企業創造協議会"),
        OrganisationFactory(name="おんべつ学園"),
    )
    services.add_partner(
        actor=actor, project=project, fields={"organisation": council, "role": "coordination"}
    )
    services.add_partner(actor=actor, project=project, fields={"organisation": school, "role": "production"})
    return project, council, school


def test_a_flow_between_two_partners_is_drawn_in_the_diagram(consultation_worker, client_as):
    project, council, school = _project(consultation_worker)
    response = client_as(consultation_worker).post(
        reverse("community:flow_add", args=[project.pk]),
        {"source": school.pk, "target": council.pk, "kind": "goods", "label": "収穫した蕗"},
    )
    assert response.status_code == 302
    svg = client_as(consultation_worker).get(reverse("community:project_diagram", args=[project.pk]))
    text = svg.content.decode()
    assert svg["Content-Type"] == "image/svg+xml"
    assert "おんべつ学園" in text and "収穫した蕗" in text
    assert text.count('class="partner"') == 2
    assert 'class="flow flow-goods"' in text


def test_a_flow_to_an_organisation_that_is_not_a_partner_is_refused(consultation_worker):
    project, council, _school = _project(consultation_worker)
    with pytest.raises(ValidationError):
        services.add_flow(
            actor=consultation_worker, project=project,
            fields={"source": council, "target": OrganisationFactory(), "kind": "money", "label": "x"},
        )  # fmt: skip
    assert not ProjectFlow.objects.exists()


def test_a_name_with_markup_is_escaped_in_the_diagram(consultation_worker, client_as):
    project, _council, _school = _project(consultation_worker)
    services.add_partner(
        actor=consultation_worker, project=project,
        fields={"organisation": OrganisationFactory(name="<script>x</script>"), "role": "sales"},
    )  # fmt: skip
    text = (
        client_as(consultation_worker)
        .get(reverse("community:project_diagram", args=[project.pk]))
        .content.decode()
    )
    assert "<script>" not in text


def test_work_days_add_up_to_the_seasons_output(consultation_worker, client_as):
    project, _council, _school = _project(consultation_worker)
    client = client_as(consultation_worker)
    for days_ago, kg in ((3, "120.5"), (2, "98")):
        day = (today() - dt.timedelta(days=days_ago)).isoformat()
        response = client.post(
            reverse("community:work_day_add", args=[project.pk]),
            {"worked_on": day, "workers": "9", "hours": "4", "output_kg": kg},
        )
        assert response.status_code == 302
    assert sum(WorkDay.objects.values_list("output_kg", flat=True)) == Decimal("218.5")
    page = client.get(reverse("community:project_detail", args=[project.pk])).content.decode()
    assert "218.5" in page


def test_a_work_day_before_the_project_began_is_refused(consultation_worker, client_as):
    project, _council, _school = _project(consultation_worker)
    day = (project.started_on - dt.timedelta(days=1)).isoformat()
    response = client_as(consultation_worker).post(
        reverse("community:work_day_add", args=[project.pk]), {"worked_on": day, "workers": "3", "hours": "2"}
    )
    assert response.status_code == 400
    assert not WorkDay.objects.exists()


def test_the_participants_are_the_placements_with_the_projects_host(consultation_worker, client_as):
    host = ProgramHostFactory()
    project, _council, _school = _project(consultation_worker, host=host)
    case = CaseFactory(worker=consultation_worker)
    PlacementFactory(case=case, host=host)
    page = (
        client_as(consultation_worker)
        .get(reverse("community:project_detail", args=[project.pk]))
        .content.decode()
    )
    assert case.person.full_name in page
