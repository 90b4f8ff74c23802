T = {
    "กำลังนำเข้าคะแนน กรุณารอสักครู่": "Importing the scores, please wait",
    "หน้านี้จะแสดงผลการนำเข้าเมื่อเสร็จ ไม่ต้องโหลดหน้าใหม่": "This page shows the outcome of the import when it is done; there is no need to reload it.",
    "นำเข้าคะแนนไม่สำเร็จ ระบบขัดข้องระหว่างอ่านไฟล์และยังไม่ได้บันทึกคะแนนใด กรุณาอัปโหลดไฟล์อีกครั้ง หากยังไม่สำเร็จโปรดแจ้งผู้ดูแลระบบ": "The scores could not be imported: the system failed while reading the file and saved no score. Please upload the file again; if it still fails, contact the system administrator.",
    "ไม่พบผลการนำเข้านี้ อาจหมดเวลาแสดงผลแล้ว กรุณาตรวจคะแนนในหน้าผลการประเมิน หรืออัปโหลดไฟล์อีกครั้ง": "This import's outcome was not found; it may no longer be shown. Please check the scores on the assessment page, or upload the file again.",
}
