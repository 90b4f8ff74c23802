from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from measures.models import Plan, ReportingRound
from organizations.models import Organization
from reports import renderers
from reports.documents import memo_pdf_bytes
from reports.models import ApprovedDocument, Memo

DOCUMENTS = ("analysis", "plan", "progress", "memo")
FORMATS = {
    "analysis": ("pdf",),
    "plan": ("pdf", "xlsx"),
    "progress": ("pdf", "xlsx"),
    "memo": ("pdf",),
}


class Command(BaseCommand):
    help = (
        "เขียนเอกสารของหน่วยงานลงไฟล์: รายงานการวิเคราะห์ (analysis, --fy = ปีที่ประเมิน), "
        "แผนมาตรการ (plan, PDF หรือ XLSX) บันทึกข้อความเสนออนุมัติแผน (memo) "
        "หรือรายงานผลการดำเนินการ (progress, PDF หรือ XLSX ของรอบล่าสุดที่ปิดแล้ว "
        "หรือรอบ --round) ของแผนปีงบประมาณ --fy เอกสารที่อนุมัติแล้วเขียนฉบับที่อนุมัติ"
    )

    def add_arguments(self, parser):
        parser.add_argument("document", choices=DOCUMENTS)
        parser.add_argument("--org", required=True, help="ชื่อย่อในลิงก์ของหน่วยงาน")
        parser.add_argument(
            "--fy",
            required=True,
            type=int,
            help="ปีงบประมาณ (พ.ศ.): ปีที่ประเมินสำหรับ analysis ปีของแผนสำหรับเอกสารอื่น",
        )
        parser.add_argument("--out", required=True, type=Path, help="ไฟล์ที่จะเขียน")
        parser.add_argument("--format", choices=("pdf", "xlsx"), default="pdf")
        parser.add_argument(
            "--round",
            dest="round_",
            help="รอบรายงาน (progress): รหัสรอบ (q1–q4, half, year) หรือเลขที่รอบ",
        )

    def handle(self, *args, document, org, fy, out, format, round_, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(_("ไม่มีหน่วยงาน {org}").format(org=org))
        if format not in FORMATS[document]:
            raise CommandError(
                _("เอกสาร {document} ไม่มีรูปแบบ {format}").format(
                    document=document, format=format
                )
            )
        if document == "progress":
            content, approved = self._progress(organization, fy, round_, format)
        else:
            plan = self._plan(organization, document, fy)
            content, approved = self._render(plan, document, format)
        out.write_bytes(content)
        message = _("เขียน {path} แล้ว ({size} ไบต์)").format(path=out, size=len(content))
        if approved:
            message += " " + _("ฉบับที่อนุมัติแล้ว")
        self.stdout.write(message)

    def _plan(self, organization, document, fy) -> Plan:
        plans = Plan.objects.current().filter(organization=organization)
        if document == "analysis":
            plan = (
                plans.filter(source_assessment__framework__fiscal_year=fy)
                .order_by("-fiscal_year")
                .first()
            )
            if plan is None:
                raise CommandError(
                    _("ไม่มีแผนที่วิเคราะห์จากผลการประเมินปี {fy} ของ {org}").format(
                        fy=fy, org=organization.slug
                    )
                )
            return plan
        plan = plans.filter(fiscal_year=fy).first()
        if plan is None:
            raise CommandError(
                _("ไม่มีแผนปีงบประมาณ {fy} ของ {org}").format(fy=fy, org=organization.slug)
            )
        return plan

    def _render(self, plan, document, format) -> tuple[bytes, bool]:
        """The document's bytes, and whether they are the approved ones."""
        if format == "xlsx":
            return renderers.plan_xlsx(plan), False
        memos = plan.memos.order_by("-pk")
        approved = memos.filter(status=Memo.Status.APPROVED).first()
        if approved is not None:
            stored = approved.documents.filter(kind=document).first()
            if stored is not None:
                with stored.file.open("rb") as file:
                    return file.read(), True
        if document == "memo":
            memo = approved or memos.first()
            if memo is None:
                raise CommandError(_("แผนนี้ยังไม่มีบันทึกข้อความ"))
            return memo_pdf_bytes(memo), False
        render = {
            ApprovedDocument.Kind.ANALYSIS: renderers.analysis_pdf,
            ApprovedDocument.Kind.PLAN: renderers.plan_pdf,
        }[document]
        return render(plan), False

    def _progress(self, organization, fy, wanted, format) -> tuple[bytes, bool]:
        rounds = ReportingRound.objects.filter(
            plan__organization=organization, plan__fiscal_year=fy
        ).exclude(status=ReportingRound.Status.OPEN)
        if wanted:
            key = "pk" if wanted.isdigit() else "period"
            rounds = rounds.filter(**{key: wanted})
        round_ = rounds.order_by("-ends_on", "-plan__revision").first()
        if round_ is None:
            raise CommandError(
                _("ไม่มีรอบรายงานที่ปิดแล้วของแผนปีงบประมาณ {fy} ของ {org}").format(
                    fy=fy, org=organization.slug
                )
            )
        if format == "xlsx":
            return renderers.progress_xlsx(round_), False
        memo = round_.memos.filter(status=Memo.Status.APPROVED).order_by("-pk").first()
        stored = (
            memo.documents.filter(kind=ApprovedDocument.Kind.PROGRESS).first()
            if memo
            else None
        )
        if stored is not None:
            with stored.file.open("rb") as file:
                return file.read(), True
        return renderers.progress_pdf(round_), False
