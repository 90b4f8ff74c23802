"""English for the messages of branch i17b (notifications: e-mail through
SMTP and Celery, the person's notification setting). Merged into
locale/en by the integrator."""

T = {
    # notifications/models.py
    "บันทึกข้อความรอพิจารณา": "Memo awaiting decision",
    "บันทึกข้อความได้รับอนุมัติ": "Memo approved",
    "บันทึกข้อความถูกส่งกลับแก้ไข": "Memo returned for revision",
    "มาตรการเลยกำหนด": "Measure overdue",
    "เตือนรายงานความก้าวหน้า": "Progress reminder",
    "คำเชิญเข้าใช้ระบบ": "Invitation to the portal",
    "รอส่ง": "Queued",
    "ส่งแล้ว": "Sent",
    "ส่งไม่สำเร็จ": "Failed",
    "อีเมลผู้รับ": "Recipient's e-mail",
    "ประจำวันที่": "For the day",
    "เรื่องที่แจ้ง": "Announced",
    "จำนวนครั้งที่พยายามส่ง": "Attempts",
    "ข้อผิดพลาดล่าสุด": "Last error",
    "อีเมลแจ้งเตือน": "Notification e-mail",
    "รับอีเมลแจ้งเตือน": "Receive notification e-mail",
    "บันทึกข้อความที่รอท่านพิจารณา ผลการพิจารณา มาตรการที่เลยกำหนด "
    "และการเตือนรายงานความก้าวหน้า อีเมลคำเชิญและการตั้งรหัสผ่านส่งถึงท่านเสมอ": (
        "Memos awaiting your decision, decisions on your memos, overdue measures "
        "and progress reminders. Invitations and password mail are always sent."
    ),
    "การรับอีเมลแจ้งเตือน": "Notification e-mail setting",
    # notifications/views.py and its page
    "เปิดรับอีเมลแจ้งเตือนแล้ว": "Notification e-mail is on.",
    "ปิดอีเมลแจ้งเตือนแล้ว ท่านยังได้รับอีเมลคำเชิญและการตั้งรหัสผ่าน": (
        "Notification e-mail is off. You will still receive invitations and "
        "password mail."
    ),
    "ระบบส่งอีเมลถึงท่านที่ %(address)s": "The portal e-mails you at %(address)s.",
    "บัญชีของท่านยังไม่มีอีเมล ระบบจึงยังส่งอีเมลถึงท่านไม่ได้ กรุณาแจ้งผู้ดูแลหน่วยงาน": (
        "Your account has no e-mail address, so the portal cannot e-mail you. "
        "Please ask your organisation's administrator."
    ),
    # templates/notifications/*.txt (the mails)
    "ดูรายละเอียดได้ที่:": "Details:",
    "อีเมลฉบับนี้ส่งจากระบบ ITA โดยอัตโนมัติ กรุณาอย่าตอบกลับ": (
        "This e-mail was sent automatically by the ITA portal. Please do not reply."
    ),
    "ปิดหรือเปิดรับอีเมลแจ้งเตือนได้ที่:": "Turn notification e-mail off or on:",
    "[ระบบ ITA] บันทึกข้อความรอท่านพิจารณา: %(subject)s": (
        "[ITA] A memo awaits your decision: %(subject)s"
    ),
    "[ระบบ ITA] บันทึกข้อความได้รับอนุมัติแล้ว: %(subject)s": (
        "[ITA] Memo approved: %(subject)s"
    ),
    "[ระบบ ITA] บันทึกข้อความถูกส่งกลับแก้ไข: %(subject)s": (
        "[ITA] Memo returned for revision: %(subject)s"
    ),
    "มีบันทึกข้อความของ%(org)s รอท่านพิจารณา": ("A memo of %(org)s awaits your decision."),
    "%(approver)s อนุมัติบันทึกข้อความของท่านแล้ว": "%(approver)s approved your memo.",
    "%(approver)s ส่งบันทึกข้อความของท่านกลับแก้ไข": (
        "%(approver)s returned your memo for revision."
    ),
    "เหตุผล:": "Reason:",
    "[ระบบ ITA] มาตรการเลยกำหนด %(n)s รายการ": "[ITA] Measures overdue: %(n)s",
    "มาตรการที่ส่วนราชการของท่านรับผิดชอบต่อไปนี้เลยกำหนดแล้วและยังไม่แล้วเสร็จ ณ วันที่ %(today)s": (
        "These measures of your divisions have passed their end and are not "
        "done, as of %(today)s"
    ),
    "แผนปีงบประมาณ %(year)s · สิ้นสุด %(end)s · สถานะ: %(status)s": (
        "Plan for fiscal year %(year)s · ends %(end)s · status: %(status)s"
    ),
    "แจ้งครั้งเดียวต่อมาตรการ เมื่อเลยกำหนด": (
        "Each measure is announced once, when it becomes overdue."
    ),
    "[ITA] มาตรการที่ต้องติดตาม %(n)s รายการ · %(organizations)s": (
        "[ITA] Measures to follow up: %(n)s · %(organizations)s"
    ),
    "จะครบกำหนดภายใน %(days)s วัน": "Due within %(days)s days",
    "อีเมลฉบับนี้ส่งไม่เกินวันละหนึ่งฉบับ งานทั้งหมดของท่านอยู่ที่ลิงก์ด้านล่าง": (
        "You receive at most one of these a day. All your tasks are at the link below."
    ),
}
# No longer in the code (the integrator may drop them from locale/en):
# "[ITA] มาตรการที่ต้องติดตาม {n} รายการ · {org}", "[ระบบ ITA] บันทึกข้อความถูกส่งกลับแก้ไข",
# "[ระบบ ITA] บันทึกข้อความรอท่านพิจารณา", "[ระบบ ITA] บันทึกข้อความได้รับอนุมัติแล้ว",
# "{name} ส่งบันทึกกลับแก้ไข เหตุผล: {reason}", "{name} อนุมัติบันทึกข้อความแล้ว",
# "งานทั้งหมดของคุณ:", "จะครบกำหนดภายใน {days} วัน", "จำนวนมาตรการ",
# "มีบันทึกข้อความรอท่านพิจารณา", "วันที่ส่ง",
# "อีเมลฉบับนี้ส่งจากระบบ ITA โดยอัตโนมัติ ไม่เกินวันละหนึ่งฉบับ"
