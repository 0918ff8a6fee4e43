"""The seed's catalog as default data."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from tsunagu.cases.models import Contract
from tsunagu.people.models import Stage
from tsunagu.programs.models import Program, ProgramCategory, ProgramHost
from tsunagu.sampledata.catalog import CATALOG, load_catalog
from tsunagu.sampledata.organisations import CITY_WELFARE_OFFICE, HUB_NAME, ZOO_ASSOCIATION

DAILY, SOCIAL, WORK, NONE = Stage.DAILY_LIFE, Stage.SOCIAL_LIFE, Stage.EMPLOYMENT, ""

# Every program of the seed, its stage and its hosts, written out in full.
SEED_CATALOG: dict[str, tuple[str, set[str]]] = {
    "日常生活意欲向上支援プログラム": (DAILY, {HUB_NAME}),
    "多重債務者自立支援プログラム": (DAILY, {CITY_WELFARE_OFFICE, "法テラス釧路"}),
    "DV被害者自立支援プログラム": (DAILY, {CITY_WELFARE_OFFICE}),
    "精神保健福祉支援プログラム": (DAILY, {CITY_WELFARE_OFFICE}),
    "整理収納プログラム": (DAILY, {CITY_WELFARE_OFFICE}),
    "知的障がい者授産施設作業体験プログラム": (SOCIAL, {"NPO法人 ぴーぷる"}),
    "精神障がい者授産施設作業体験プログラム": (SOCIAL, {"いずみの里"}),
    "ふまねっとサポーター活動体験事業": (SOCIAL, {"NPO法人 ふまねっと"}),
    "動物園環境整備ボランティア体験事業": (SOCIAL, {ZOO_ASSOCIATION}),
    "公園管理ボランティア体験事業": (SOCIAL, {"公益財団法人 釧路市公園緑化協会"}),
    "障がい者作業所等ボランティア体験事業": (SOCIAL, {"NPO法人 おおぞらネットワーク"}),
    "介護施設・デイサービスボランティア体験事業": (
        SOCIAL,
        {"ケアコートひまわり", "わたすげ", "はまなすの家", "ニチイケアセンター"},
    ),
    "病院ボランティア体験事業": (
        SOCIAL,
        {"星が浦病院", "釧路脳神経外科", "釧路孝仁会記念病院", "白樺台病院"},
    ),
    "「アトリエななみ」手伝い（雑巾縫いほか）": (SOCIAL, {"NPO法人 地域生活支援ネットワークサロン"}),
    "音別ふき蕗団": (SOCIAL, {"音別ふき蕗団"}),
    "みはらかがやき食堂": (SOCIAL, {"みはらかがやき食堂"}),
    "お寺食堂": (SOCIAL, {"お寺食堂"}),
    "生業扶助活用資格取得プログラム": (WORK, {CITY_WELFARE_OFFICE}),
    "就労支援員活用就労支援事業": (WORK, {CITY_WELFARE_OFFICE}),
    "生活保護受給者等就労自立促進事業": (WORK, {"ハローワーク釧路"}),
    "民間職業紹介事業活用プログラム": (WORK, {CITY_WELFARE_OFFICE}),
    "無料職業紹介事業": (WORK, {HUB_NAME}),
    "インターンシップ事業": (WORK, {"株式会社ビケンワーク", "KCMコーポレーション", HUB_NAME}),
    "漁網の整網作業": (WORK, {HUB_NAME}),
    "釧路市指定ごみ袋の封入作業": (WORK, {HUB_NAME}),
    "生活困窮者等子ども学習支援プログラム（まじくる等）": (NONE, {HUB_NAME}),
    "高校進学支援プログラム": (NONE, {HUB_NAME}),
    "なんでもやってみるラボ": (NONE, {HUB_NAME}),
}


def _hosts(program: Program) -> set[str]:
    return set(program.hosts.values_list("organisation__name", flat=True))


def _host(program_name: str, organisation_name: str) -> ProgramHost:
    return ProgramHost.objects.get(program__name=program_name, organisation__name=organisation_name)


# ---------------------------------------------------------------- the seed's catalog


def test_the_seed_catalog_is_loaded_each_program_on_its_stage_with_its_hosts(db):
    assert load_catalog() == len(SEED_CATALOG) == 28
    assert set(Program.objects.values_list("name", flat=True)) == set(SEED_CATALOG)
    for name, (stage, hosts) in SEED_CATALOG.items():
        program = Program.objects.get(name=name)
        assert program.stage == stage, name
        assert _hosts(program) == hosts, name
    assert ProgramHost.objects.count() == 37


def test_the_zoo_hospitals_and_care_homes_are_hosted_as_the_seed_says(db):
    load_catalog()
    zoo = Program.objects.get(name="動物園環境整備ボランティア体験事業")
    assert zoo.stage == Stage.SOCIAL_LIFE and zoo.category == ProgramCategory.WORK_EXPERIENCE
    assert _host(zoo.name, ZOO_ASSOCIATION).capacity == 6
    hospitals = Program.objects.get(name="病院ボランティア体験事業")
    assert _hosts(hospitals) == {"星が浦病院", "釧路脳神経外科", "釧路孝仁会記念病院", "白樺台病院"}
    assert all(2 <= host.capacity <= 3 for host in hospitals.hosts.all())
    assert Program.objects.get(name="介護施設・デイサービスボランティア体験事業").hosts.count() == 4


def test_childrens_and_cross_stage_programs_have_no_stage(db):
    load_catalog()
    children = Program.objects.get(name="生活困窮者等子ども学習支援プログラム（まじくる等）")
    assert children.stage == "" and children.category == ProgramCategory.CHILDREN
    assert children.contract == Contract.CHILDREN_LEARNING
    assert Program.objects.get(name="高校進学支援プログラム").eligibility.startswith("中学3年生の子とその親")
    assert Program.objects.get(name="なんでもやってみるラボ").stage == ""


def test_contracts_and_start_dates_follow_the_seed(db):
    load_catalog()
    programs = {p.name: p for p in Program.objects.all()}
    assert programs["日常生活意欲向上支援プログラム"].contract == Contract.WELFARE_SELF_RELIANCE
    assert programs["漁網の整網作業"].contract == Contract.TRANSITION_INTERNSHIP
    assert programs["漁網の整網作業"].active_from == dt.date(2013, 4, 1)
    assert programs["漁網の整網作業"].category == ProgramCategory.INTERMEDIATE_WORK
    assert programs["インターンシップ事業"].contract == Contract.WELFARE_WORK_READINESS
    assert programs["無料職業紹介事業"].contract == ""  # a licence (jobs.Licence), not a contract
    assert all(p.active_until is None for p in programs.values())


def test_every_program_has_a_schedule_or_runs_by_appointment(db):
    load_catalog()
    for program in Program.objects.all():
        if program.by_appointment:
            assert program.weekdays == [], program.name
        else:
            assert program.weekdays and program.start_time < program.end_time, program.name
    assert Program.objects.get(name="生業扶助活用資格取得プログラム").by_appointment
    assert Program.objects.get(name="無料職業紹介事業").by_appointment


def test_the_catalog_keeps_the_seeds_order(db):
    load_catalog()
    assert list(Program.objects.values_list("name", flat=True)) == [entry.name for entry in CATALOG]


def test_loading_the_catalog_again_changes_nothing(db):
    load_catalog()
    zoo = Program.objects.get(name="動物園環境整備ボランティア体験事業")
    zoo.place = "釧路市動物園（冬期は休止）"
    zoo.save()
    assert load_catalog() == 0
    assert Program.objects.count() == 28 and ProgramHost.objects.count() == 37
    assert Program.objects.get(pk=zoo.pk).place == "釧路市動物園（冬期は休止）"


# ---------------------------------------------------------------- the seed's groups (issue 19)

# The groups of the seed's 全体概況, each with the programs the seed lists under it, in its words.
SEED_GROUPS: dict[str, tuple[str, set[str]]] = {
    "就労支援プログラム": (
        ProgramCategory.EMPLOYMENT_SUPPORT,
        {"生業扶助活用資格取得プログラム", "就労支援員活用就労支援事業", "生活保護受給者等就労自立促進事業",
         "民間職業紹介事業活用プログラム"},
    ),
    "就業体験プログラム": (
        ProgramCategory.SHELTERED_WORK,
        {"知的障がい者授産施設作業体験プログラム", "精神障がい者授産施設作業体験プログラム"},
    ),
    "就業体験的ボランティア事業プログラム": (
        ProgramCategory.WORK_EXPERIENCE,
        {"ふまねっとサポーター活動体験事業", "動物園環境整備ボランティア体験事業", "公園管理ボランティア体験事業",
         "障がい者作業所等ボランティア体験事業", "介護施設・デイサービスボランティア体験事業",
         "病院ボランティア体験事業"},
    ),
}  # fmt: skip


def test_the_catalog_has_the_seeds_groups_with_their_programs(db):
    load_catalog()
    for group, (category, names) in SEED_GROUPS.items():
        in_group = set(Program.objects.filter(category=category).values_list("name", flat=True))
        assert in_group == names, group
    with translation.override("ja"):
        assert str(ProgramCategory.SHELTERED_WORK.label).startswith("就業体験プログラム")


def test_hosts_the_seed_does_not_name_are_marked_as_local_assumptions(db):
    load_catalog()
    assumed = {
        (host.program.name, host.organisation.name)
        for host in ProgramHost.objects.filter(is_local_assumption=True).select_related(
            "program", "organisation"
        )
    }
    assert assumed == {
        ("日常生活意欲向上支援プログラム", HUB_NAME),
        ("多重債務者自立支援プログラム", CITY_WELFARE_OFFICE),
        ("多重債務者自立支援プログラム", "法テラス釧路"),
        ("DV被害者自立支援プログラム", CITY_WELFARE_OFFICE),
        ("精神保健福祉支援プログラム", CITY_WELFARE_OFFICE),
        ("整理収納プログラム", CITY_WELFARE_OFFICE),
        ("生業扶助活用資格取得プログラム", CITY_WELFARE_OFFICE),
        ("生活困窮者等子ども学習支援プログラム（まじくる等）", HUB_NAME),
        ("高校進学支援プログラム", HUB_NAME),
    }
    assert all(
        "記載なし" in note
        for note in ProgramHost.objects.filter(is_local_assumption=True).values_list(
            "assumption_note", flat=True
        )
    )
    # The seed names these: no badge.
    assert not _host("動物園環境整備ボランティア体験事業", ZOO_ASSOCIATION).is_local_assumption
    assert not _host("インターンシップ事業", "株式会社ビケンワーク").is_local_assumption


def test_the_community_places_are_programs_people_can_take_part_in(db):
    load_catalog()
    for name in ("音別ふき蕗団", "みはらかがやき食堂", "お寺食堂"):
        program = Program.objects.get(name=name)
        assert program.stage == Stage.SOCIAL_LIFE and program.category == ProgramCategory.COMMUNITY_ACTIVITY
        assert _hosts(program) == {name}


def test_the_net_mending_internship_starts_in_h25_as_the_seed_says(db):
    load_catalog()
    assert Program.objects.get(name="インターンシップ事業").active_from == dt.date(2013, 4, 1)  # 平成25年
