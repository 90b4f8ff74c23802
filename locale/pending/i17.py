"""English for the messages branch i17 adds (the integrator merges them)."""

T = {
    "จัดทำเอกสารเสร็จแล้ว": "The document is ready",
    "ดาวน์โหลด %(filename)s": "Download %(filename)s",
    "จัดทำเอกสารไม่สำเร็จ ระบบได้ลองใหม่แล้วหลายครั้ง กรุณาลองอีกครั้ง หากยังไม่สำเร็จโปรดแจ้งผู้ดูแลระบบ": "The document could not be prepared, although the system tried several times. Please try again; if it still fails, tell the system administrator.",
    "ลองอีกครั้ง": "Try again",
    "กำลังจัดทำเอกสาร กรุณารอสักครู่": "Preparing the document, please wait",
    "หน้านี้จะแสดงปุ่มดาวน์โหลดเมื่อเอกสารพร้อม ไม่ต้องโหลดหน้าใหม่ ท่านปิดหน้านี้ได้ ระบบยังจัดทำเอกสารต่อ และเปิดได้ทันทีเมื่อกลับมา": "This page shows a download button when the document is ready; there is no need to reload it. You may close this page: the system goes on preparing the document, and it opens at once when you come back.",
    "ตรวจดูอีกครั้ง": "Check again",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใส (Excel)": "Integrity and transparency measures (Excel)",
    "รายงานผลการดำเนินการ (Excel)": "Progress report (Excel)",
}
