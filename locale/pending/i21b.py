T = {
    "หัวตารางมาตรการ": "Headers of the measures table",
    "บรรทัดละหนึ่งช่อง เรียงจากซ้ายไปขวา หัวที่คลุมสองช่องมาก่อนสองช่องที่อยู่ใต้หัวนั้น (เรียงตามมาตรการ 5 บรรทัด เรียงตามข้อคำถาม ITA 7 บรรทัด เรียงตามจุดอ่อน 9 บรรทัด) เว้นว่างไว้เพื่อใช้หัวตารางตามแบบเอกสารของรูปแบบที่เลือก": "One column a line, left to right; a header over two columns comes before the two under it (by measure 5 lines, by ITA question 7, by weakness 9). Leave blank to use the headers of the chosen layout's model document.",
    "พิมพ์ชื่อมาตรการในช่องแรกของตาราง": "Print the measure titles in the table's first column",
    "รูปแบบเรียงตามข้อคำถาม ITA: ไม่เลือกเพื่อให้ช่อง “ประเด็น” มีเฉพาะประเด็น ไม่มีชื่อมาตรการ (แบบเอกสาร 002)": "By-ITA-question layout: untick to have the “Issue” column hold the issues only, without measure titles (model document 002).",
    "ตารางของรูปแบบเอกสารนี้มี {wanted} ช่อง กรุณาพิมพ์หัวตาราง {wanted} บรรทัด บรรทัดละหนึ่งช่อง (พิมพ์มา {typed} บรรทัด) หรือเว้นว่างไว้เพื่อใช้หัวตารางตามแบบเอกสาร": "This layout's table has {wanted} columns: please type {wanted} header lines, one column a line ({typed} typed), or leave blank to use the model document's headers.",
}
