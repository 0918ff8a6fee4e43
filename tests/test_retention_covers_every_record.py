"""The retention job blanks a person's text through the steps each app registers
(tsunagu/people/retention.py). A guard, as for the merge (tests/test_merge.py): every model that holds a
person's free text (it reaches Person through its foreign keys and has a character or text column) is
blanked by some step, or named below with the reason; and every relation to Person sits on such a model."""

from django.apps import apps
from django.db import models

from tsunagu.people.models import Person
from tsunagu.people.retention import models_covered, personal_text_fields

# Models that reach a person but hold none of their free text, with the reason.
NOT_BLANKED = {
    "contracts.CaseAssignment": "dates and the contract only",
    "contracts.PlacementAssignment": "dates and the contract only",
    "cases.CaseConcern": "a code of the national list",
    "work.WorkLog": "quantities, minutes and codes (pay and production figures)",
}


def _project_models() -> list[type[models.Model]]:
    """The project's own models, without django-simple-history's (each step blanks its model's history)."""
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("tsunagu.") and not model.__name__.startswith("Historical")
    ]


def _reaching_a_person() -> set[type[models.Model]]:
    """Person, and every model with a foreign key to one that reaches Person, however many steps away."""
    reaching: set[type[models.Model]] = {Person}
    grew = True
    while grew:
        grew = False
        for model in _project_models():
            if model not in reaching and any(
                field.is_relation and field.related_model in reaching for field in model._meta.concrete_fields
            ):
                reaching.add(model)
                grew = True
    return reaching


def test_every_model_holding_a_persons_free_text_is_blanked_by_a_retention_step_or_left_on_purpose():
    holding = {model._meta.label for model in _reaching_a_person() if personal_text_fields(model)}
    unhandled = holding - models_covered() - set(NOT_BLANKED)
    assert not unhandled, (
        f"No retention step blanks {sorted(unhandled)}: register one in the owning app's AppConfig.ready() "
        "(tsunagu.people.retention.register_anonymise_step), or add the model to NOT_BLANKED with the reason."
    )


def test_every_relation_to_a_person_is_on_a_model_a_step_covers_or_left_on_purpose():
    owners = {rel.related_model._meta.label for rel in Person._meta.related_objects}
    owners = {label for label in owners if not label.split(".")[1].startswith("Historical")}
    assert owners - models_covered() - set(NOT_BLANKED) == set()


def test_the_steps_name_only_models_that_exist_and_the_exceptions_are_still_true():
    labels = {model._meta.label for model in _project_models()}
    assert models_covered() <= labels
    assert all(not personal_text_fields(apps.get_model(label)) for label in NOT_BLANKED)
