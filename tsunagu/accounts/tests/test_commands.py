import pytest
from django.core.management import CommandError, call_command

from tsunagu.accounts.models import User


def test_createuser_makes_a_user_in_the_organisations_first_office(db, hub_office, monkeypatch, capsys):
    monkeypatch.setenv("NEW_PW", "kushiro-harbour-9")
    call_command(
        "createuser",
        username="ops",
        display_name="運用 担当",
        organisation=hub_office.organisation.name,
        roles=["administrator"],
        password_env="NEW_PW",
    )
    user = User.objects.get(username="ops")
    assert user.office == hub_office and user.has_role("administrator")


def test_createuser_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="No organisation"):
        call_command(
            "createuser", username="x", display_name="x", organisation="nowhere", roles=["statistician"]
        )
