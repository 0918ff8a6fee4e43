from tsunagu.organisations.models import Organisation
from tsunagu.sampledata.organisations import TOWNS, load_organisations


def test_demo_has_every_organisation_of_the_seed_with_its_real_type(db):
    load_organisations()
    expected = {
        "一般社団法人 釧路社会的企業創造協議会": "hub",
        "釧路市生活福祉事務所": "municipality",
        "NPO法人 ぴーぷる": "npo",
        "いずみの里": "disability_service",
        "NPO法人 ふまねっと": "npo",
        "NPO法人 動物園協会": "npo",
        "公益財団法人 釧路市公園緑化協会": "foundation",
        "NPO法人 おおぞらネットワーク": "npo",
        "ケアコートひまわり": "care_facility",
        "はまなすの家": "care_facility",
        "星が浦病院": "hospital",
        "釧路脳神経外科": "hospital",
        "釧路孝仁会記念病院": "hospital",
        "白樺台病院": "hospital",
        "NPO法人 地域生活支援ネットワークサロン": "npo",
        "株式会社ビケンワーク": "company",
        "KCMコーポレーション": "company",
        "ハローワーク釧路": "public_agency",
        "法テラス釧路": "public_agency",
        "釧路市社会福祉協議会": "social_welfare_council",
        "釧路市地域包括支援センター": "public_agency",
        "大地みらい信用金庫": "financial_institution",
        "おんべつ学園": "disability_service",
    }
    types = dict(Organisation.objects.values_list("name", "type"))
    for name, type_ in expected.items():
        assert types.get(name) == type_, name


def test_demo_has_one_social_welfare_council_for_each_of_the_seven_towns(db):
    load_organisations()
    councils = Organisation.objects.filter(type="social_welfare_council").exclude(name__startswith="釧路市")
    assert sorted(c.area.name for c in councils) == sorted(TOWNS)
    assert len(TOWNS) == 7


def test_loading_the_demo_twice_creates_nothing_new(db):
    load_organisations()
    count = Organisation.objects.count()
    load_organisations()
    assert Organisation.objects.count() == count
