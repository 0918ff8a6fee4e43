"""The configurable lists' one screen (organisations/lists.py): the apps register their lists; the
directory's managers keep its service types; a retired type stays on the services that have it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.urls import reverse

from tsunagu.community.models import Theme
from tsunagu.organisations import services
from tsunagu.organisations.lists import configured_list, configured_lists, register_configured_list
from tsunagu.organisations.models import ServiceType
from tsunagu.testing.factories import DirectoryServiceFactory, ServiceTypeFactory

pytestmark = pytest.mark.django_db

SERVICE_TYPES = reverse("organisations:list_service_types")


def test_the_apps_register_their_lists_each_with_who_may_change_it():
    registered = {c.key: (c.model, c.permission) for c in configured_lists()}
    assert registered == {
        "service_types": (ServiceType, "organisations.manage_organisations"),
        "themes": (Theme, "community.manage_community"),
        "resource_kinds": (configured_list("resource_kinds").model, "community.manage_community"),
    }


def test_a_second_list_under_a_key_already_taken_is_refused():
    with pytest.raises(ImproperlyConfigured):
        register_configured_list(
            "themes", ServiceType, label="x", permission="organisations.manage_organisations"
        )
    assert configured_list("themes").model is Theme


def test_an_administrator_adds_a_service_type_and_it_is_offered_for_a_new_service(client_as, administrator):
    service = DirectoryServiceFactory()
    client = client_as(administrator)
    response = client.post(SERVICE_TYPES, {"name": "フードバンク", "code": "food-bank", "is_active": "on"})
    assert response.status_code == 302
    added = ServiceType.objects.get(code="food-bank")
    page = client.get(
        reverse("organisations:service_add", kwargs={"organisation_id": service.organisation_id})
    )
    assert added in page.context["form"].fields["service_type"].queryset


def test_a_retired_service_type_is_offered_only_on_the_services_that_have_it(client_as, administrator):
    legal = ServiceTypeFactory(code="legal", name="法律相談")
    service = DirectoryServiceFactory(service_type=legal)
    services.update_list_entry(
        actor=administrator, list_key="service_types", entry=legal, edit_version=1, is_active=False
    )
    client = client_as(administrator)
    new = client.get(
        reverse("organisations:service_add", kwargs={"organisation_id": service.organisation_id})
    )
    edit = client.get(reverse("organisations:service_edit", kwargs={"service_id": service.pk}))
    assert legal not in new.context["form"].fields["service_type"].queryset
    assert legal in edit.context["form"].fields["service_type"].queryset


def test_a_worker_may_not_change_the_service_types(client_as, consultation_worker):
    response = client_as(consultation_worker).post(SERVICE_TYPES, {"name": "フードバンク", "is_active": "on"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_list_entry(
            actor=consultation_worker, list_key="service_types", fields={"name": "フードバンク"}
        )
    assert not ServiceType.objects.filter(name="フードバンク").exists()


def test_a_japanese_name_without_a_code_is_given_one_and_a_taken_code_is_refused(administrator):
    first = services.add_list_entry(
        actor=administrator, list_key="service_types", fields={"name": "居住支援"}
    )
    second = services.add_list_entry(
        actor=administrator, list_key="service_types", fields={"name": "家計相談"}
    )
    assert first.code and second.code and first.code != second.code
    with pytest.raises(ValidationError) as refused:
        services.add_list_entry(
            actor=administrator, list_key="service_types", fields={"name": "別名", "code": first.code}
        )
    assert "code" in refused.value.message_dict
    assert ServiceType.objects.count() == 2


def test_a_field_the_list_does_not_have_is_a_programming_error(administrator):
    with pytest.raises(TypeError, match="holds_sessions"):
        services.add_list_entry(
            actor=administrator, list_key="service_types", fields={"name": "x", "holds_sessions": True}
        )


def test_the_lists_page_links_only_the_lists_the_user_may_change(
    client_as, administrator, consultation_worker
):
    index = reverse("organisations:lists")
    themes = reverse("organisations:list_themes")
    as_admin, as_worker = (
        client_as(administrator).get(index).text,
        client_as(consultation_worker).get(index).text,
    )
    assert SERVICE_TYPES in as_admin and themes not in as_admin
    assert themes in as_worker and SERVICE_TYPES not in as_worker
