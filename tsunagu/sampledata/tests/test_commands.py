from django.core.management import call_command

from tsunagu.accounts.models import User
from tsunagu.sampledata.accounts import DEMO_USERS


def test_demo_loads_one_login_per_role_and_keeps_data_on_a_second_run(db, capsys):
    call_command("demo", people=5)
    assert User.objects.count() == len(DEMO_USERS)  # one per role, and 法テラス's for its inbox
    call_command("demo", people=5)
    assert User.objects.count() == len(DEMO_USERS)  # one per role, and 法テラス's for its inbox
    assert "nothing loaded" in capsys.readouterr().out
