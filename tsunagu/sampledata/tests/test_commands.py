from django.core.management import call_command

from tsunagu.accounts.models import User


def test_demo_loads_one_login_per_role_and_keeps_data_on_a_second_run(db, capsys):
    call_command("demo", people=5)
    assert User.objects.count() == 8
    call_command("demo", people=5)
    assert User.objects.count() == 8
    assert "nothing loaded" in capsys.readouterr().out
