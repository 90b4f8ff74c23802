"""The demo plans of the five seed documents, as a user of the demo sees them."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from demo.plans import BANCHANG_2566, BANCHANG_MEASURE_ORDER, DEMO_PLANS, demo_plan
from measures.generator import uncovered
from measures.models import Measure, Plan
from organizations.models import User

BANGKOK = ZoneInfo("Asia/Bangkok")

# (slug, fiscal year) -> (layout, number of measures, number of weaknesses)
EXPECTED = {
    ("chaemae", 2565): ("by_measure", 4, 5),
    ("klongphon", 2563): ("by_weakness", 3, 3),
    ("ubon", 2566): ("by_question", 22, 34),
    ("nongphailom", 2566): ("by_measure", 3, 10),
    ("banchang", 2566): ("by_measure", 3, 5),
}


def seed_demo():
    call_command("seed_demo", stdout=StringIO())


def measures_of(slug, year):
    return list(
        demo_plan(slug, year)
        .measures.select_related("lead_division", "plan")
        .prefetch_related("divisions", "answers")
    )


class DemoPlansTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed_demo()

    def test_it_publishes_the_five_seed_plans_with_their_measures(self):
        assert set(DEMO_PLANS) == set(EXPECTED)
        for (slug, year), (layout, measures, weaknesses) in EXPECTED.items():
            plan = demo_plan(slug, year)
            assert plan is not None, slug
            assert plan.status == Plan.Status.PUBLISHED
            assert plan.is_current and plan.revision == 1
            assert plan.layout == layout
            assert plan.measures.count() == measures, slug
            assert plan.weaknesses.count() == weaknesses, slug
            assert [m.order for m in plan.measures.all()] == list(
                range(1, measures + 1)
            )
        seed_offices = {slug for slug, _year in EXPECTED}
        published = Plan.objects.published().filter(organization__slug__in=seed_offices)
        assert published.count() == 5

    def test_the_measures_keep_the_seeds_titles(self):
        titles = {key: [m.title for m in measures_of(*key)] for key in EXPECTED}
        assert titles["chaemae", 2565][1] == "การประชาสัมพันธ์แผนการใช้จ่ายงบประมาณประจำปี"
        assert titles["chaemae", 2565][3] == (
            "ปรับปรุงช่องทางแจ้งเรื่องร้องเรียนเกี่ยวกับการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ของหน่วยงาน"
        )
        assert titles["klongphon", 2563][2] == (
            "มาตรการในการจัดการเรื่องร้องเรียนการทุจริต, มาตรการเผยแพร่ข้อมูลต่อสาธารณะ"
        )
        assert (
            "จัดทำระเบียบ/แนวปฏิบัติการขออนุญาตใช้ทรัพย์สินของทางราชการ" in titles["ubon", 2566]
        )
        assert titles["nongphailom", 2566] == [
            "การใช้งบประมาณ",
            "คุณภาพการดำเนินงาน",
            "การเปิดเผยข้อมูล",
        ]

    def test_banchang_measures_follow_the_rows_of_seed_004(self):
        measures = measures_of(*BANCHANG_2566)
        assert (
            tuple(m.title for m in measures)
            == BANCHANG_MEASURE_ORDER
            == (
                "การใช้งบประมาณ",
                "การแก้ไขปัญหาการทุจริต",
                "คุณภาพการดำเนินงาน ประสิทธิภาพการสื่อสาร และการปรับปรุงการทำงาน",
            )
        )
        assert [m.indicators for m in measures] == [[2], [5], [6, 7, 8]]
        assert [m.reporting_frequency for m in measures] == [
            "quarterly",
            "semiannual",
            "quarterly",
        ]
        assert "ทต.บ้านถ้ำ" not in " ".join(measures[2].steps)

    def test_responsible_divisions_are_divisions_of_the_organisation(self):
        for key in EXPECTED:
            plan = demo_plan(*key)
            for measure in measures_of(*key):
                divisions = measure.divisions.all()
                assert divisions, measure.title
                assert {d.organization_id for d in divisions} == {plan.organization_id}
                if measure.lead_division is not None:
                    assert measure.lead_division in divisions
        chaemae = measures_of("chaemae", 2565)
        assert chaemae[1].lead_division.name == "กองคลัง"
        assert chaemae[2].lead_division is None  # "ทุกสำนัก/กอง" only
        ubon = {m.title: m for m in measures_of("ubon", 2566)}
        budget = ubon["ประกาศการใช้งบประมาณประจำปีและรายงานผลการใช้จ่ายงบประมาณรายเดือน"]
        assert budget.lead_division.name == "สำนักคลัง"
        assert budget.divisions.count() == 7  # every division of the city
        banchang = measures_of(*BANCHANG_2566)
        assert "กองการศึกษา" in {d.name for d in banchang[0].divisions.all()}

    def test_timeframes_read_as_the_seeds_print_them(self):
        chaemae = measures_of("chaemae", 2565)
        assert [m.timeframe_label() for m in chaemae] == [
            "ต.ค.- มี.ค.65",
            "ต.ค.- มี.ค.65",
            "ต.ค.- มี.ค.65",
            "ต.ค. 2565",
        ]
        # The range behind the words: October 2565 is after FY2565 ends.
        assert chaemae[0].timeframe_range_label() == "ต.ค. 64 – มี.ค. 65"
        assert chaemae[3].timeframe_range_label() == "ต.ค. 65"
        banchang = measures_of(*BANCHANG_2566)
        assert [m.timeframe_label(thai_digits=True) for m in banchang] == [
            "มี.ค. ๒๕๖๖",
            "มี.ค. ๒๕๖๖",
            "ต.ค. ๒๕๖๕ ถึง มี.ค. ๒๕๖๖",
        ]
        assert banchang[2].timeframe_range_label() == "ต.ค. 65 – มี.ค. 66"
        ubon = measures_of("ubon", 2566)
        assert ubon[0].timeframe_label() == "ไตรมาสที่ 1"
        assert ubon[1].timeframe_label() == "ไตรมาสที่ 4"  # O13
        klongphon = measures_of("klongphon", 2563)
        assert klongphon[0].timeframe_label() == "ตลอดปีงบประมาณ พ.ศ. 2563"

    def test_ubon_measures_carry_the_findings_of_their_questions(self):
        measures = measures_of("ubon", 2566)
        assert all(m.finding for m in measures)
        by_items = {tuple(m.items): m for m in measures}
        assert by_items["e1", "e2", "e3"].finding.startswith(
            "ประชาชนผู้มารับบริการมีความเห็นว่า การปฏิบัติงานหรือการให้บริการยังไม่เป็นไปตามขั้นตอน"
        )
        assert by_items["O13",].finding == (
            "ไม่ได้ระบุปัญหา/อุปสรรค ในรายงานผลการดำเนินงานประจำปี"
        )
        # The seed misprints i17 as "i7"; i7 is the budget question.
        assert ("i17", "i18") in by_items
        assert by_items["i12", "O21"].indicators == [2, 9]
        e15 = demo_plan("ubon", 2566).weaknesses.get(code="e15")
        assert e15.measures.count() == 2

    def test_ubon_measures_are_grouped_under_the_seeds_themes(self):
        themes = [m.theme for m in measures_of("ubon", 2566)]
        assert list(dict.fromkeys(themes)) == [
            "(1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
            "(2) การให้บริการและระบบ E-Service",
            "(3) ช่องทางและรูปแบบการประชาสัมพันธ์และเผยแพร่ข้อมูลข่าวสารภาครัฐ",
            "(4) กระบวนการกำกับดูแลการใช้ทรัพย์สินของทางราชการ",
            "(5) กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
            "(6) กระบวนการควบคุม ตรวจสอบ การใช้อำนาจและการบริหารงานบุคคล",
            "(7) กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
        ]
        assert themes == sorted(themes)  # each theme's measures together
        assert (
            themes.count("(7) กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน") == 5
        )
        others = Measure.objects.exclude(plan=demo_plan("ubon", 2566))
        assert not others.exclude(theme="").exists()

    def test_ubon_plan_prints_each_theme_on_the_page_of_its_first_measure(self):
        from reports import renderers
        from tests.reports.helpers import page_count, page_text, squeeze

        plan = demo_plan("ubon", 2566)
        # Seed 002 prints no measure titles; shown here, they mark each row.
        plan.measure_titles_shown = True
        pdf = renderers.plan_pdf(plan)
        pages = [squeeze(page_text(pdf, n)) for n in range(1, page_count(pdf) + 1)]
        first_of = {}
        for measure in measures_of("ubon", 2566):
            first_of.setdefault(measure.theme, measure)
        for theme, measure in first_of.items():
            on = [n for n, text in enumerate(pages) if squeeze(theme) in text]
            assert len(on) == 1, theme
            text = pages[on[0]]
            after = text[text.index(squeeze(theme)) :]
            assert squeeze(measure.title[:30]) in after, theme

    def test_the_weaknesses_and_what_answers_them(self):
        chaemae = demo_plan("chaemae", 2565)
        assert chaemae.source_assessment.framework.fiscal_year == 2564
        assert [w.code for w in uncovered(chaemae)] == ["8"]
        o29 = chaemae.measures.get(items=["O29"])
        assert o29.indicators == [9]
        nongphailom = demo_plan("nongphailom", 2566)
        assert nongphailom.source_assessment.framework.fiscal_year == 2565
        assert [w.code for w in uncovered(nongphailom)] == ["e5"]
        o24 = nongphailom.weaknesses.get(code="O24")
        assert o24.reasons == ["item_failed"] and o24.note.startswith("ไม่มีข้อมูล")
        klongphon = demo_plan("klongphon", 2563)
        assert klongphon.source_assessment.framework.fiscal_year == 2562
        assert [(w.code, str(w.score)) for w in klongphon.weaknesses.all()] == [
            ("4", "75.40"),
            ("6", "76.72"),
            ("9", "80.64"),
        ]
        assert uncovered(klongphon) == []

    def test_klongphon_has_the_analysis_in_the_reports_words(self):
        plan = demo_plan("klongphon", 2563)
        analysis = list(plan.analysis.all())
        assert [p.instrument for p in analysis] == ["", "", "IIT", "EIT", "OIT"]
        assert analysis[2].text.startswith(
            "1. ด้าน IIT พบว่า ผลคะแนนของตัวชี้วัดด้าน การใช้ทรัพย์สินของราชการ "
            "มีค่าต่ำสุด เท่ากับ 75.40"
        )
        assert "กรป้องกัน" not in analysis[4].text

    def test_the_mayor_approved_each_plan_on_the_seeds_date(self):
        dates = {
            ("chaemae", 2565): datetime(2021, 11, 29, 10, tzinfo=BANGKOK),
            ("klongphon", 2563): datetime(2020, 4, 23, 10, tzinfo=BANGKOK),
            ("ubon", 2566): datetime(2022, 9, 30, 10, tzinfo=BANGKOK),
        }
        for (slug, year), approved_at in dates.items():
            plan = demo_plan(slug, year)
            assert plan.approved_at == approved_at
            assert plan.submitted_at == approved_at
            assert plan.published_at == approved_at
        for slug, year in EXPECTED:
            plan = demo_plan(slug, year)
            mayor = User.objects.get(username=f"{slug}-mayor")
            staff = User.objects.get(username=f"{slug}-staff")
            assert plan.approved_by == mayor
            steps = [
                (h.status, h.history_user)
                for h in plan.history.order_by("history_date", "history_id")
            ]
            assert steps == [
                ("draft", staff),
                ("submitted", staff),
                ("approved", mayor),
                ("published", staff),
            ]
            measure = plan.measures.first()
            assert measure.history.first().history_user == staff
        klongphon = demo_plan("klongphon", 2563)
        assert str(klongphon.approved_by) == "นายนุกูล งานดี"

    def test_running_the_seed_again_changes_nothing(self):
        def snapshot():
            measures = Measure.objects.values_list(
                "plan__organization__slug",
                "plan__fiscal_year",
                "plan__status",
                "order",
                "title",
            )
            return sorted(measures), Plan.history.count(), Measure.history.count()

        first = snapshot()
        seed_demo()
        assert snapshot() == first
        seed_offices = {slug for slug, _year in EXPECTED}
        assert Plan.objects.filter(organization__slug__in=seed_offices).count() == 5

    def test_staff_see_the_plan_with_its_findings(self):
        self.client.force_login(User.objects.get(username="ubon-staff"))
        plan = demo_plan("ubon", 2566)
        page = self.client.get(reverse("measures:plan_detail", args=[plan.pk]))
        self.assertContains(page, plan.title)
        self.assertContains(page, "เผยแพร่แล้ว")
        self.assertContains(page, "ประชาชนมีความเห็นว่าตนเอง ยังไม่มีส่วนร่วมปรับปรุงพัฒนา")
        self.assertContains(page, 'data-testid="all-covered"')
