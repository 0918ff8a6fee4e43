"""programs contributes the placements panel to the case page (cases/panels.py); cases does not import it."""

from django.urls import reverse

from tsunagu.testing.factories import CaseFactory, PlacementFactory, ProgramFactory, ProgramHostFactory


def test_the_case_page_shows_the_persons_placements_in_the_panel_programs_contributes(
    client_as, consultation_worker
):
    case = CaseFactory(worker=consultation_worker)
    host = ProgramHostFactory(program=ProgramFactory(name="動物園作業体験"))
    PlacementFactory(case=case, host=host)
    page = client_as(consultation_worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="placements-heading"' in page
    assert "動物園作業体験" in page


def test_the_case_page_has_no_placements_panel_when_the_person_has_none(client_as, consultation_worker):
    case = CaseFactory(worker=consultation_worker)
    page = client_as(consultation_worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="placements-heading"' not in page
