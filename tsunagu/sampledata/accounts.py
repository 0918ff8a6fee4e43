"""One demo login per role; the password is printed when the demo is served."""

from __future__ import annotations

from django.conf import settings

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.accounts.services import create_user, ensure_role_groups
from tsunagu.organisations.models import Organisation
from tsunagu.sampledata.organisations import CITY_WELFARE_OFFICE, HUB_NAME, ZOO_ASSOCIATION

# (user name, display name, organisation, office, roles)
DEMO_USERS: tuple[tuple[str, str, str, str, tuple[Role, ...]], ...] = (
    ("soudan", "相談 花子", HUB_NAME, "本所", (Role.CONSULTATION_WORKER,)),
    ("shuro", "就労 太郎", HUB_NAME, "本所", (Role.EMPLOYMENT_WORKER,)),
    ("shunin", "主任 誠", HUB_NAME, "本所", (Role.SUPERVISOR,)),
    ("onbetsu", "音別 文子", HUB_NAME, "音別サテライト", (Role.CONSULTATION_WORKER,)),
    ("cw", "福祉 一郎", CITY_WELFARE_OFFICE, "本所", (Role.CITY_CASEWORKER,)),
    ("zoo", "動物 園子", ZOO_ASSOCIATION, "本所", (Role.PARTNER_STAFF,)),
    ("houterasu", "法 律子", "法テラス釧路", "本所", (Role.PARTNER_STAFF,)),
    ("toukei", "統計 明", HUB_NAME, "本所", (Role.STATISTICIAN,)),
    ("kanri", "管理 修", HUB_NAME, "本所", (Role.ADMINISTRATOR,)),
)


def load_users() -> list[User]:
    ensure_role_groups()
    users = []
    for username, display_name, org_name, office_name, roles in DEMO_USERS:
        existing = User.objects.filter(username=username).first()
        if existing:
            users.append(existing)
            continue
        organisation = Organisation.objects.get(name=org_name)
        users.append(
            create_user(
                username=username,
                display_name=display_name,
                password=settings.TSUNAGU_DEMO_PASSWORD,
                organisation=organisation,
                office=organisation.offices.get(name=office_name),
                roles=[r.value for r in roles],
                actor=None,  # set up before anyone signs in
            )
        )
    return users


def login_lines() -> list[str]:
    lines = [f"  {u:<9} {' / '.join(str(r.label) for r in roles)}" for u, _n, _o, _f, roles in DEMO_USERS]
    return lines
