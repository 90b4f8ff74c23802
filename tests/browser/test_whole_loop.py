"""The whole loop in a real browser, as the office and the public use it.

Staff import last year's scores from Excel, read the analysis, generate the
plan, edit a measure and send the memo; the ปลัด endorses it and the นายก
approves it; staff publish the plan and it is on the public page. A division
head reports progress with an evidence file; staff close the round and send
its memo, which the executives approve; staff publish the round, and the
public page shows the new status and serves the approved PDFs.

Every signature asks for a second factor (issue 16): staff enrol their app
from the QR code page when they first send, each executive enters the code
of their app (computed here) after choosing their decision, which is then
made as chosen. No page reports a Content-Security-Policy violation.

Every step is a screenshot in artifacts/browser/whole-loop-NN-*.png.
"""

import base64
import io
import re
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from assessments import spreadsheets
from assessments.models import FrameworkYear
from organizations.models import Membership
from reports import services as memos
from tests.assessments.seeds import NONGPHAILOM_2565
from tests.factories import PASSWORD
from tests.twofactor.helpers import code_for, enrol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
RESULT = "จัดประชุมชี้แจงบุคลากรกองคลังแล้ว ๒ ครั้ง"
NEW_TITLE = "ประชุมชี้แจงแนวทางการปฏิบัติงานด้านการเงินและพัสดุแก่บุคลากรกองคลัง"
# Chromium reports a blocked script, style or image on the console; the
# listener below reports what a page's own code would see.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
});
"""


def evidence_file(tmp_path: Path) -> Path:
    """A one-page PDF, as a scanned attendance sheet would be."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "รายชื่อผู้เข้าประชุม.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def score_file(tmp_path: Path) -> Path:
    """The FY2565 template from the portal, filled in as an office would:
    seed 003's ten indicator scores and an OIT item failed with a note."""
    book = openpyxl.load_workbook(
        io.BytesIO(
            spreadsheets.template_bytes(FrameworkYear.objects.get(fiscal_year=2565))
        )
    )
    sheet = book.worksheets[0]
    rows = {
        str(sheet.cell(n, 1).value): n
        for n in range(2, sheet.max_row + 1)
        if sheet.cell(n, 1).value is not None
    }
    for number, score in NONGPHAILOM_2565.items():
        sheet.cell(rows[str(number)], 3).value = float(score)
    sheet.cell(rows["O24"], 3).value = "ไม่ผ่าน"
    sheet.cell(rows["O24"], 4).value = "ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง"
    path = tmp_path / "คะแนน ITA 2565.xlsx"
    book.save(path)
    return path


class Office:
    """One browser window per person, each with its own session."""

    def __init__(self, browser, live_server, shot):
        self.browser = browser
        self.url = live_server.url
        self.shot = shot
        self.step = 0
        self.contexts = []
        self.violations = []

    def open(self, user=None, *, viewport=DESKTOP):
        context = self.browser.new_context(
            viewport=viewport, locale="th-TH", accept_downloads=True
        )
        self.contexts.append(context)
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on("console", self._watch)
        page.set_default_timeout(20_000)
        if user is not None:
            page.goto(f"{self.url}/accounts/login/")
            page.get_by_label("ชื่อผู้ใช้").fill(user.username)
            page.get_by_label("รหัสผ่าน").fill(PASSWORD)
            page.locator("main button[type=submit]").click()
            expect(page).not_to_have_url(re.compile("/accounts/login/"))
        return page

    def _watch(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "CSP violation" in text:
            self.violations.append(text)

    def snap(self, page, name: str) -> None:
        self.step += 1
        self.shot(page, f"whole-loop-{self.step:02d}-{name}")

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def office(browser, live_server, shot):
    office = Office(browser, live_server, shot)
    yield office
    office.close()


@pytest.fixture
def chain(org, people):
    """The organisation's memos go to the ปลัด, then to the นายก."""
    executives = [
        Membership.objects.get(user=people.palad, organization=org),
        Membership.objects.get(user=people.mayor, organization=org),
    ]
    return memos.approval_chain_set(
        organization=org, memberships=executives, by=people.admin
    )


def decide(office, user, verdict: str, name: str) -> None:
    """An executive opens the inbox on a phone, reads the memo and decides:
    the decision comes after the memo's text, and a bar at the foot of the
    screen leads there (issue 22, 7). The decision asks for the code of
    their authenticator app (a new session: none entered yet), then is made
    as chosen."""
    device = enrol(user)
    page = office.open(user, viewport={"width": 390, "height": 844})
    page.goto(f"{office.url}/memos/inbox/")
    page.get_by_test_id("waiting").first.click()
    bar = page.get_by_test_id("decide-bar")
    expect(bar).to_be_visible()
    form = page.get_by_test_id("decide-form")
    assert form.bounding_box()["y"] > page.locator(".memo-paper").bounding_box()["y"]
    page.get_by_role("button", name="บันทึกการพิจารณา").click()  # no choice yet
    expect(form).to_contain_text("กรุณาเลือกความเห็น")
    page.get_by_test_id("decide-bar").get_by_role("link").click()
    expect(page.get_by_test_id("decide-bar")).to_be_hidden()
    page.get_by_label(verdict, exact=True).check()
    office.snap(page, name)
    page.get_by_role("button", name="บันทึกการพิจารณา").click()
    # Asked for the code, with the decision kept.
    expect(page).to_have_url(re.compile("/accounts/two-factor/verify/"))
    expect(page.get_by_test_id("pending-action")).to_be_visible()
    page.get_by_label("รหัสยืนยันตัวตน").fill(code_for(device))
    office.snap(page, f"{name}-code")
    page.get_by_role("button", name="ยืนยันรหัส").click()
    expect(page.locator(".alert-success")).to_contain_text(verdict)


def enrol_in_the_browser(office, page) -> None:
    """Staff sending their first memo: no app yet, so the portal shows the
    QR code and the secret; the app's first code (computed here from the
    secret shown) enrols it, the recovery codes show once, and the send
    that was asked for goes on."""
    expect(page).to_have_url(re.compile("/accounts/two-factor/setup/"))
    expect(page.get_by_test_id("qr-code").locator("svg")).to_be_visible()
    secret = page.get_by_test_id("secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    office.snap(page, "enrol-qr")
    page.get_by_label("รหัส 6 หลักจากแอป").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="ยืนยันการลงทะเบียน").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    office.snap(page, "enrol-recovery-codes")
    page.get_by_test_id("resume").click()


def test_the_whole_loop_from_scores_to_the_public_page(
    office, org, people, division_a, division_b, chain, media, tmp_path
):
    staff = office.open(people.staff)
    url = office.url

    # 1. Last year's scores, from the Excel template.
    staff.goto(f"{url}/assessments/")
    staff.get_by_role("link", name="เพิ่มผลการประเมิน").click()
    staff.get_by_label("ปีงบประมาณที่ได้รับการประเมิน").select_option("2565")
    staff.locator("main button[type=submit]").click()
    staff.goto(staff.url.replace("/edit/indicators/", "/"))
    staff.get_by_role("link", name="นำเข้าจาก Excel").click()
    staff.locator("input[type=file]").set_input_files(score_file(tmp_path))
    office.snap(staff, "import")
    staff.get_by_role("button", name="นำเข้า").click()
    expect(staff.get_by_test_id("grade")).to_have_text("ระดับ AA")
    expect(staff.locator("main")).to_contain_text("96.62")
    office.snap(staff, "scores")

    # 2. The analysis names the weakest indicators.
    staff.get_by_role("link", name="ดูผลการวิเคราะห์").click()
    expect(staff.locator("main")).to_contain_text("O24")
    office.snap(staff, "analysis")

    # 3. The plan, generated from the analysis by its primary button.
    staff.get_by_role(
        "link", name="สร้างแผนมาตรการปีงบประมาณ 2566 จากผลการประเมินนี้"
    ).click()
    staff.get_by_role("button", name="สร้างร่างแผน").click()
    expect(staff.locator("h1")).to_contain_text("2566")
    plan_url = staff.url
    office.snap(staff, "plan-draft")

    # 4. A measure made the office's own: กองคลัง leads it.
    staff.locator("#measures").get_by_role("link", name="แก้ไข").first.click()
    staff.get_by_label("มาตรการ/แนวทาง").fill(NEW_TITLE)
    staff.get_by_label("ผู้รับผิดชอบหลัก").select_option(label=division_a.name)
    # Only the fields of the chosen timeframe show (issue 22, 5).
    months = staff.locator("[data-timeframe-kind=months]")
    quarter = staff.locator("[data-timeframe-kind=quarter]")
    staff.get_by_label("ไตรมาส", exact=True).first.check()
    expect(quarter).to_be_visible()
    expect(months.first).to_be_hidden()
    quarter.locator("select").select_option("2")
    staff.get_by_label("ช่วงเดือน", exact=True).check()
    expect(months.first).to_be_visible()
    expect(quarter).to_be_hidden()
    staff.get_by_label("ตลอดปีงบประมาณ", exact=True).check()
    expect(months.first).to_be_hidden()
    expect(quarter).to_be_hidden()
    office.snap(staff, "measure-form")
    staff.get_by_role("button", name="บันทึกมาตรการ").click()
    expect(staff.locator("#measures")).to_contain_text(NEW_TITLE)
    office.snap(staff, "measure-edited")

    # 5. The memo, drafted from the plan, sent to the executives.
    staff.get_by_role("button", name="ร่างบันทึกเสนออนุมัติ").click()
    expect(staff.get_by_label("เรื่อง")).to_have_value(re.compile("2566"))
    office.snap(staff, "memo-draft")
    staff.get_by_role("button", name="บันทึก", exact=True).click()
    staff.get_by_role("link", name="ส่งเสนอ", exact=True).click()
    staff.get_by_role("button", name="ส่งเสนอ").click()
    enrol_in_the_browser(office, staff)
    expect(staff.locator(".alert-success")).to_contain_text("ส่งบันทึกเสนอแล้ว")
    office.snap(staff, "memo-sent")

    # 6–7. The ปลัด endorses; the นายก approves.
    decide(office, people.palad, "เห็นควรอนุมัติ", "palad-endorses")
    decide(office, people.mayor, "อนุมัติ", "mayor-approves")

    # 8. Published, and on the public page.
    staff.goto(plan_url)
    staff.get_by_role("link", name="เผยแพร่", exact=True).click()
    staff.get_by_role("button", name="เผยแพร่").click()
    expect(staff.locator(".alert-success").get_by_role("link")).to_have_text(
        "เปิดหน้าเว็บสาธารณะ"
    )
    expect(staff.get_by_test_id("permalink")).to_have_value(
        re.compile(r"^http://.+/public/klongphon/2566/r1/$")
    )
    office.snap(staff, "published")
    citizen = office.open()
    citizen.goto(f"{url}/public/")
    citizen.get_by_role("link", name=org.name).click()
    citizen.get_by_role("link", name="2566").click()
    expect(citizen.locator("main")).to_contain_text(NEW_TITLE)
    office.snap(citizen, "public-plan")
    assert re.search(r"/public/klongphon/2566/?$", citizen.url)

    # 9. The head of กองคลัง reports progress, with the attendance sheet.
    head = office.open(people.head_a)
    head.goto(f"{url}/plans/mine/")
    row = head.get_by_test_id("worklist-row").filter(has_text=NEW_TITLE)
    row.get_by_role("link", name="รายงานผล").click()
    head.locator("form label", has_text="ดำเนินการแล้ว").click()
    expect(head.get_by_label("ดำเนินการแล้ว")).to_be_checked()
    head.get_by_label("วันที่").fill("15/3/2566")
    head.get_by_label("ผลการดำเนินการ").fill(RESULT)
    head.get_by_label("ไฟล์หลักฐาน").set_input_files(evidence_file(tmp_path))
    office.snap(head, "progress-form")
    head.get_by_role("button", name="บันทึกความก้าวหน้า").click()
    expect(row).to_contain_text("ดำเนินการแล้ว")  # back on งานของฉัน
    row.get_by_role("link", name=NEW_TITLE).click()
    expect(head.get_by_test_id("history")).to_contain_text(RESULT)
    expect(head.get_by_test_id("history")).to_contain_text("รายชื่อผู้เข้าประชุม.pdf")
    # Not public yet, and the page says so (issue 22, 1).
    expect(head.get_by_test_id("publication-now")).to_contain_text(
        "ยังไม่เห็นสถานะและผลการดำเนินงาน"
    )
    office.snap(head, "progress-recorded")
    citizen.reload()
    reported = citizen.get_by_test_id("measure").filter(has_text=NEW_TITLE)
    expect(reported.get_by_test_id("status")).to_have_text("—")
    expect(citizen.get_by_test_id("no-progress")).to_contain_text("ผู้บริหารอนุมัติแล้ว")

    # 10. Staff open the 6-month round and close it.
    staff.goto(plan_url)
    staff.get_by_test_id("progress-link").click()
    staff.get_by_label("เปิดรอบรายงานใหม่").select_option("half")
    staff.get_by_role("button", name="เปิดรอบ").click()
    staff.get_by_role("link", name="ปิดรอบรายงาน").click()
    staff.get_by_role("button", name="ปิดรอบรายงาน").click()
    expect(staff.get_by_test_id("round-lines")).to_contain_text(RESULT)
    office.snap(staff, "round-closed")

    # 11. The round's memo, approved by both executives.
    staff.get_by_role("button", name="ร่างบันทึกเสนอรายงาน").click()
    staff.get_by_role("button", name="บันทึก", exact=True).click()
    staff.get_by_role("link", name="ส่งเสนอ", exact=True).click()
    # Within OTP_FRESH_MINUTES of their code: no second one.
    staff.get_by_role("button", name="ส่งเสนอ").click()
    expect(staff.locator(".alert-success")).to_contain_text("ส่งบันทึกเสนอแล้ว")
    decide(office, people.palad, "เห็นควรอนุมัติ", "palad-endorses-report")
    decide(office, people.mayor, "อนุมัติ", "mayor-approves-report")

    # 12. Staff publish the round: the one step left, as the page says.
    staff.goto(plan_url)
    staff.get_by_test_id("progress-link").click()
    staff.locator("main a[href*='/rounds/']").first.click()
    expect(staff.get_by_test_id("publication-step")).to_contain_text("กดเผยแพร่")
    staff.get_by_role("button", name="เผยแพร่").click()
    expect(staff.get_by_test_id("round-status")).to_contain_text("เผยแพร่")
    office.snap(staff, "round-published")

    # 13. The public sees the new status and downloads the approved PDFs.
    citizen.reload()
    measure = citizen.get_by_test_id("measure").filter(has_text=NEW_TITLE)
    expect(measure.get_by_test_id("status")).to_have_text("ดำเนินการแล้ว")
    expect(measure).to_contain_text(RESULT)
    expect(citizen.get_by_test_id("as-of")).to_contain_text("6 เดือน")
    office.snap(citizen, "public-progress")
    links = citizen.get_by_test_id("document")
    titles = [links.nth(n).inner_text() for n in range(links.count())]
    assert any(t.startswith("มาตรการส่งเสริมคุณธรรม") for t in titles), titles
    assert any(t.startswith("รายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน") for t in titles)
    for n in range(links.count()):
        response = citizen.request.get(url + links.nth(n).get_attribute("href"))
        assert response.headers["content-type"] == "application/pdf", titles[n]
        assert len(PdfReader(BytesIO(response.body())).pages) >= 1, titles[n]
    evidence = measure.get_by_role("link", name=re.compile("รายชื่อผู้เข้าประชุม"))
    response = citizen.request.get(url + evidence.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")

    # No page of the walk, in any window, broke the Content-Security-Policy.
    assert office.violations == []
