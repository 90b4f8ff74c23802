"""What the seed documents correct in the research catalogue, and the
English names the catalogue lacks: data for scripts/build_frameworks.py,
quoted from the seeds (shared/seeds/)."""

SEED_000 = "shared/seeds/000_10dec0f9c3ae6551.txt"
SEED_001 = "shared/seeds/001_5e50fbd9b7753f20.txt"
SEED_002 = "shared/seeds/002_93a3283a62e6be25.txt"
SEED_003 = "shared/seeds/003_1de518793449cd8b.txt"
SEED_004 = "shared/seeds/004_bef3e4f80d16a473.txt"

# --- Corrections from the seeds ----------------------------------------------

# Seed 001 (FY2562 result table) lists 10.2 มาตรการภายใน as O42–O48, 7 items.
FY2562_EXTRA_10_2 = ("O44", "O45", "O46", "O47", "O48")
FY2562_EXTRA_NOTE = "seed 001 lists O42–O48 under 10.2; titles not seen"
FY2562_RANGES = {
    1: "i1–i6",
    2: "i7–i12",
    3: "i13–i18",
    4: "i19–i24",
    5: "i25–i30",
    6: "e1–e5",
    7: "e6–e10",
    8: "e11–e15",
}

# Seed 002 (a FY2566 measures plan) quotes these FY2566 questions, verbatim.
# Answer type is read from the wording (มากน้อยเพียงใด = 4-level scale,
# หรือไม่ = yes/no) and reverse scoring from negative wording, as on the
# FY2564 form.
SEED_002_NOTE = "wording from seed 002"
SEED_002_READ = "; answer type and reverse scoring read from the wording"
SEED_002_FAIR = "; seed 002 reads 'เป็นธรรมชาติ', probably a typo for 'เป็นธรรม' (fairly)"
FY2566_QUESTIONS = {
    # code: (text, reverse_scored, extra note)
    "i7": (
        "ท่านทราบข้อมูลเกี่ยวกับงบประมาณของหน่วยงานหรือของส่วนงานที่ท่านปฏิบัติหน้าที่มากน้อยเพียงใด",
        False,
        "",
    ),
    "i8": ("ท่านเคยเข้าไปมีส่วนร่วมในกระบวนการงบประมาณ มากน้อยเพียงใด", False, ""),
    "i9": (
        "หน่วยงานของท่านใช้จ่ายงบประมาณเป็นไปตามวัตถุประสงค์และคุ้มค่า มากน้อยเพียงใด",
        False,
        "",
    ),
    "i10": (
        "หน่วยงานของท่านใช้จ่ายงบประมาณเพื่อประโยชน์ส่วนตัว กลุ่มหรือพวกพ้อง มากน้อยเพียงใด",
        True,
        "",
    ),
    "i11": (
        "เจ้าหน้าที่ของหน่วยงานท่าน มีการเบิกจ่ายเงินที่เป็นเท็จ เช่น ค่าทำงานล่วงเวลา "
        "ค่าวัสดุอุปกรณ์ หรือค่าเดินทาง ฯลฯ มากน้อยเพียงใด",
        True,
        "",
    ),
    "i12": (
        "หน่วยงานของท่าน มีการจัดซื้อจัดจ้าง ที่เอื้อประโยชน์ให้ผู้ประกอบการรายใดรายหนึ่ง มากน้อยเพียงใด",
        True,
        "",
    ),
    "i13": (
        "ท่านได้รับมอบหมายงานตามตำแหน่งหน้าที่จากผู้บังคับบัญชาของท่านอย่างเป็นธรรมชาติมากน้อยเพียงใด",
        False,
        SEED_002_FAIR,
    ),
    "i14": (
        "ท่านได้รับการประเมินผลการปฏิบัติงานจากผู้บังคับบัญชาของท่านอย่างเป็นธรรมชาติมากน้อยเพียงใด",
        False,
        SEED_002_FAIR,
    ),
    "i15": (
        "ผู้บังคับบัญชาของท่านมีการคัดเลือกผู้เข้ารับการฝึกอบรม การศึกษาดูงาน "
        "หรือการให้ทุนการศึกษาอย่างเป็นธรรมชาติมากน้อยเพียงใด",
        False,
        SEED_002_FAIR,
    ),
    "i16": (
        "ท่านเคยถูกผู้บังคับบัญชาสั่งการให้ทำธุระส่วนตัวของผู้บังคับบัญชา มากน้อยเพียงใด",
        True,
        "",
    ),
    "i17": (
        "ท่านเคยถูกผู้บังคับบัญชาสั่งการให้ทำในสิ่งที่ไม่ถูกต้อง หรือมีความเสี่ยงต่อการทุจริตมากน้อยเพียงใด",
        True,
        "; seed 002 labels it 'i7' between i16 and i18 (typo for i17)",
    ),
    "i18": (
        "การสรรหา บรรจุ แต่งตั้ง โยกย้าย เลื่อนตำแหน่ง ในหน่วยงานของท่าน "
        "มีการเอื้อประโยชน์ให้บุคคลใดบุคคลหนึ่งหรือพวกพ้องมากน้อยเพียงใด",
        True,
        "",
    ),
    "i19": (
        "ท่านรู้แนวปฏิบัติของหน่วยงานของท่านเกี่ยวกับการใช้ทรัพย์สินของราชการที่ถูกต้องมากน้อยเพียงใด",
        False,
        "",
    ),
    "i21": (
        "เจ้าหน้าที่ของหน่วยงานท่าน มีการขออนุญาตยืมทรัพย์สินของราชการไปใช้ปฏิบัติงานอย่างถูกต้อง "
        "มากน้อยเพียงใด",
        False,
        "",
    ),
    "i22": (
        "บุคคลภายนอกหรือภาคเอกชน มีการนำทรัพย์สินของราชการไปใช้ "
        "โดยไม่ได้ขออนุญาตอย่างถูกต้อง มากน้อยเพียงใด",
        True,
        "",
    ),
    "i23": (
        "เจ้าหน้าที่ของหน่วยงานท่าน มีการใช้ทรัพย์สินของราชการเพื่อประโยชน์ส่วนตัว มากน้อยเพียงใด",
        True,
        "",
    ),
    "i25": (
        "ผู้บริหารสูงสุดของหน่วยงานของท่าน "
        "ให้ความสำคัญกับการแก้ไขปัญหาการทุจริตและประพฤติมิชอบ มากน้อยเพียงใด",
        False,
        "",
    ),
    "i26": (
        "มาตรการป้องกันการทุจริตของหน่วยงานท่าน สามารถป้องกันการทุจริตได้จริงมากน้อยเพียงใด",
        False,
        "",
    ),
    "i28": (
        "หน่วยงานของท่าน มีการนำผลการประเมิน ITA ไปปรับปรุงการทำงาน "
        "เพื่อป้องกันการทุจริตในหน่วยงาน มากน้อยเพียงใด",
        False,
        "",
    ),
    "e1": (
        "หน่วยงานปฏิบัติหรือให้บริการแก่ท่านเป็นไปตามขั้นตอนและระยะเวลา มากน้อยเพียงใด",
        False,
        "",
    ),
    "e2": (
        "หน่วยงานปฏิบัติหรือให้บริการแก่ท่านอย่างเป็นธรรมและไม่เลือกปฏิบัติ มากน้อยเพียงใด",
        False,
        "",
    ),
    "e3": (
        "หน่วยงานปฏิบัติหรือให้บริการแก่ท่านโดยมุ่งผลสัมฤทธิ์ และรับผิดชอบต่อหน้าที่ มากน้อยเพียงใด",
        False,
        "",
    ),
    "e6": (
        "หน่วยงานมีช่องทางเผยแพร่ข้อมูลข่าวสารที่สามารถเข้าถึงได้ง่ายมากน้อยเพียงใด",
        False,
        "",
    ),
    "e7": (
        "หน่วยงานมีการเผยแพร่ข้อมูลข่าวสารที่ประชาชนหรือผู้รับบริการควรได้รับทราบอย่างชัดเจน "
        "มากน้อยเพียงใด",
        False,
        "",
    ),
    "e9": (
        "หน่วยงานสามารถสื่อสาร ตอบข้อซักถาม หรือให้คำอธิบาย แก่ท่านได้อย่างชัดเจน มากน้อยเพียงใด",
        False,
        "",
    ),
    "e10": (
        "หน่วยงานมีช่องทางที่ท่านสามารถแจ้ง ให้ข้อมูล หรือร้องเรียน ในกรณีที่พบว่า มีเจ้าหน้าที่ "
        "มีการเรียกรับสินบนหรือทุจริตต่อหน้าที่ หรือไม่",
        False,
        "",
    ),
    "e11": (
        "การปฏิบัติหรือการให้บริการของเจ้าหน้าที่ที่ดีขึ้นกว่าที่ผ่านมา มากน้อยเพียงใด",
        False,
        "",
    ),
    "e12": (
        "วิธีการขั้นตอนการปฏิบัติหรือการให้บริการ สะดวก รวดเร็วกว่าที่ผ่าน มา มากน้อยเพียงใด",
        False,
        "",
    ),
    "e14": (
        "หน่วยงานเปิดโอกาสให้บุคคลภายนอกได้เข้าไปมีส่วนร่วมปรับปรุงพัฒนาการดำเนินงานให้ดีขึ้น "
        "มากน้อยเพียงใด",
        False,
        "",
    ),
    "e15": (
        "หน่วยงานมีการปรับปรุงองค์กรให้มีความโปร่งใสมากขึ้น มากน้อยเพียงใด",
        False,
        "",
    ),
}
FY2566_IIT_UNKNOWN_NOTE = (
    "FY2564 wording not carried over: seed 002 shows the FY2566 questions "
    "were reworded and renumbered"
)

# The Thai names of EIT indicators 7 and 8 as the seeds print them.
EIT_NAMES_SEEN = {
    2564: "seed 000 prints indicators 7 and 8 for FY2564 as ประสิทธิภาพการสื่อสาร "
    "and การปรับปรุงการทำงาน",
    2565: "seed 003 prints this Thai name for FY2565",
}

# Seed 001, a memo of 23 April 2563, describes FY2563's O42 and O43.
FY2563_MEASURES_CONFIDENCE = "confirmed"

SEED_SOURCES = {
    2562: [SEED_001 + " (FY2562 result table, เทศบาลตำบลคลองพน)"],
    2563: [SEED_001 + " (memo of 23 April 2563 on the FY2563 O42/O43)"],
    2564: [SEED_000 + " (FY2565 plan analysing FY2564 scores, เทศบาลเมืองแฉะแม)"],
    2565: [SEED_003 + " (FY2566 plan analysing FY2565 scores, อบต.หนองไผ่ล้อม)"],
    2566: [
        SEED_002 + " (FY2566 plan, เทศบาลนครอุบลราชธานี)",
        SEED_004 + " (FY2566 progress report on O42, เทศบาลตำบลบ้านฉาง)",
    ],
}

SEED_NOTES = {
    2562: [
        "Seed 001 (FY2562 result table) prints i1–i30 in blocks of 6, e1–e15 in "
        "blocks of 5, OIT O1–O48 with 10.2 = O42–O48, 93 questions in all, and pass "
        "minimums 25.50 / 25.50 / 34.00 per instrument; its 10.2 is applied here "
        "over the catalogue's O42–O43.",
    ],
    2563: [
        "Seed 001 (memo of 23 April 2563) says that from FY2563 sub-indicator 10.2 "
        "changed: O42 holds the analysis of last year's result and the internal "
        "measures, O43 the follow-up of those measures.",
    ],
    2564: [
        "Seed 000 prints the FY2564 indicator names and scores (reported 78.77, B).",
    ],
    2565: [
        "Seed 003 prints the FY2565 indicator names and scores (96.62, AA) and "
        "cites O24 under 9.3 (annual procurement report).",
    ],
    2566: [
        "Seed 002 quotes FY2566 IIT wordings (i7–i28) and EIT wordings (e1–e15, "
        "not all) used here, and cites O13, o21, o26 and o40 with the titles above; "
        "seed 004 reports FY2566 progress 'ตาม O42'.",
    ],
}

# --- English names ------------------------------------------------------------

# The English pages show these (issue 22); the Thai text stays the official one
# and the documents print it. They are keyed by the Thai text they translate,
# so a Thai name that changes in some year gets no English until one is given
# here. The instruments' English names come from the catalogue itself.
# Indicator 8's "System improvement" is the English seen for FY2568 (Nation
# Thailand 2025, shared/ita/README.md); the others are the names the ITA's
# indicators are known by in English.
INDICATOR_NAMES_EN = {
    "การปฏิบัติหน้าที่": "Performance of duties",
    "การใช้งบประมาณ": "Use of budget",
    "การใช้อำนาจ": "Use of power",
    "การใช้ทรัพย์สินของราชการ": "Use of official property",
    "การแก้ไขปัญหาการทุจริต": "Anti-corruption",
    "คุณภาพการดำเนินงาน": "Quality of performance",
    "ประสิทธิภาพการสื่อสาร": "Communication effectiveness",
    "การปรับปรุงระบบการทำงาน": "System improvement",
    "การเปิดเผยข้อมูล": "Information disclosure",
    "การป้องกันการทุจริต": "Corruption prevention",
}

# Plain English translations of the OIT sub-indicators' and items' short
# titles. The IIT and EIT question texts get none: they are survey questions
# whose official English wording was not seen, and a page shows them in Thai.
SUB_INDICATOR_NAMES_EN = {
    "ข้อมูลพื้นฐาน": "Basic information",
    "การบริหารงาน": "Administration",
    "การบริหารเงินงบประมาณ": "Budget management",
    "การบริหารเงินงบประมาณ (การจัดซื้อจัดจ้าง)": "Budget management (procurement)",
    "การบริหารและพัฒนาทรัพยากรบุคคล": "Human resource management and development",
    "การส่งเสริมความโปร่งใส": "Promotion of transparency",
    "การดำเนินการเพื่อป้องกันการทุจริต": "Action to prevent corruption",
    "มาตรการภายในเพื่อป้องกันการทุจริต": "Internal measures to prevent corruption",
}

PROCUREMENT = "procurement or supplies"
ITEM_TITLES_EN = {
    "โครงสร้าง": "Organisational structure",
    "ข้อมูลผู้บริหาร": "Information on the executives",
    "อำนาจหน้าที่": "Powers and duties",
    "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน": "Strategic plan or development plan of the agency",
    "ข้อมูลการติดต่อ": "Contact information",
    "กฎหมายที่เกี่ยวข้อง": "Relevant laws",
    "ข่าวประชาสัมพันธ์": "Public relations news",
    "Q&A": "Q&A",
    "Social Network": "Social Network",
    "แผนดำเนินงานประจำปี": "Annual operating plan",
    "รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน": (
        "Six-month monitoring report on the annual operations"
    ),
    "รายงานผลการดำเนินงานประจำปี": "Annual performance report",
    "คู่มือหรือมาตรฐานการปฏิบัติงาน": "Work manual or standard",
    "คู่มือหรือมาตรฐานการให้บริการ": "Service manual or standard",
    "ข้อมูลเชิงสถิติการให้บริการ": "Service statistics",
    "รายงานผลการสำรวจความพึงพอใจการให้บริการ": "Report on the service satisfaction survey",
    "E-Service": "E-Service",
    "แผนการใช้จ่ายงบประมาณประจำปี": "Annual budget spending plan",
    "รายงานการกำกับติดตามการใช้จ่ายงบประมาณประจำปี รอบ 6 เดือน": (
        "Six-month monitoring report on the annual budget spending"
    ),
    "รายงานผลการใช้จ่ายงบประมาณประจำปี": "Annual budget spending report",
    "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ": f"Plan for {PROCUREMENT}",
    "ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ": (f"Announcements on {PROCUREMENT}"),
    "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน": (f"Monthly summary of {PROCUREMENT}"),
    "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี": (f"Annual report on {PROCUREMENT}"),
    "นโยบายการบริหารทรัพยากรบุคคล": "Human resource management policy",
    "การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล": (
        "Implementation of the human resource management policy"
    ),
    "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล": (
        "Criteria for human resource management and development"
    ),
    "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี": (
        "Annual report on human resource management and development"
    ),
    "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต": (
        "Guidelines for handling corruption complaints"
    ),
    "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต": "Channels for reporting corruption",
    "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตประจำปี": (
        "Annual statistics of corruption complaints"
    ),
    "ช่องทางการรับฟังความคิดเห็น": "Channels for receiving opinions",
    "การเปิดโอกาสให้เกิดการมีส่วนร่วม": "Opportunities for participation",
    "เจตจำนงสุจริตของผู้บริหาร": "The executives' integrity pledge",
    "การมีส่วนร่วมของผู้บริหาร": "Participation of the executives",
    "การประเมินความเสี่ยงการทุจริตประจำปี": "Annual corruption risk assessment",
    "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต": "Action to manage corruption risks",
    "การเสริมสร้างวัฒนธรรมองค์กร": "Strengthening the organisational culture",
    "แผนปฏิบัติการป้องกันการทุจริตประจำปี": "Annual corruption prevention action plan",
    "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน": (
        "Six-month monitoring report on the annual corruption prevention"
    ),
    "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี": ("Annual report on corruption prevention"),
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน": (
        "Measures to promote integrity and transparency within the agency"
    ),
    "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน": (
        "Implementation of the measures to promote integrity and transparency "
        "within the agency"
    ),
    "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ": (
        "Guidelines for handling complaints of corruption and misconduct"
    ),
    "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ": (
        "Channels for reporting corruption and misconduct"
    ),
    "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ": (
        "Statistics of complaints of corruption and misconduct"
    ),
    "แผนปฏิบัติการป้องกันการทุจริต": "Corruption prevention action plan",
    "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี": (
        "Annual risk assessment of corruption and misconduct"
    ),
    "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ": (
        "Action to manage the risks of corruption and misconduct"
    ),
    "นโยบายคุ้มครองข้อมูลส่วนบุคคล": "Personal data protection policy",
    "แผนดำเนินงานและการใช้งบประมาณประจำปี": "Annual operating and budget plan",
    "รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณประจำปี รอบ 6 เดือน": (
        "Six-month monitoring report on the annual operations and budget spending"
    ),
    "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่": (
        "Declaration of the No Gift Policy in the performance of duties"
    ),
    "การสร้างวัฒนธรรม No Gift Policy": "Building a No Gift Policy culture",
    "รายงานผลตามนโยบาย No Gift Policy": "Report under the No Gift Policy",
    "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ": "Code of ethics for state officials",
    "การขับเคลื่อนจริยธรรม": "Putting ethics into practice",
    "การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ": "Ethics assessment of state officials",
    "โครงสร้างและอำนาจหน้าที่": "Structure, powers and duties",
    "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่": "Staff work manual or guidelines",
    "คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือผู้มาติดต่อ": (
        "Manual or guidelines on requesting services, for service users and visitors"
    ),
    "ข้อมูลสถิติการให้บริการ": "Service statistics",
    "รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ": (
        f"List of {PROCUREMENT} and their progress"
    ),
    "แผนการบริหารและพัฒนาทรัพยากรบุคคล": ("Human resource management and development plan"),
    "ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม": (
        "Code of ethics and putting ethics into practice"
    ),
    "ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ": (
        "Statistics of complaints of corruption and misconduct"
    ),
    "ประกาศเจตนารมณ์และการสร้างวัฒนธรรม ตามนโยบาย No Gift Policy จากการปฏิบัติหน้าที่": (
        "Declaration and culture building under the No Gift Policy in the "
        "performance of duties"
    ),
    "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา": (
        "Report on property or other benefits accepted on an ethical basis"
    ),
    "การประเมินความเสี่ยงที่อาจเกิดการให้หรือรับสินบนจากการดำเนินงานตามภารกิจของหน่วยงาน": (
        "Assessment of the risk of bribes being given or taken in the agency's work"
    ),
    "รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ": (
        "Report on action to manage the risks of corruption and misconduct"
    ),
    "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต": (
        "Report on the corruption prevention action plan"
    ),
    "โครงสร้าง หน้าที่และอำนาจ": "Structure, duties and powers",
    "ข้อมูลการติดต่อและช่องทางการสอบถาม": "Contact information and channels for enquiries",
    "ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)": "Online service system (E-Service)",
    "รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุของหน่วยงานประจำปี": (
        f"The agency's annual summary report on {PROCUREMENT}"
    ),
    "หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล": (
        "Criteria and plan for human resource management and development"
    ),
    "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล": (
        "Report on human resource management and development"
    ),
    "ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน": (
        "Results of opening the agency's work to participation"
    ),
    "การขับเคลื่อนนโยบาย No Gift Policy จากการปฏิบัติหน้าที่และการเสริมสร้างความรู้เกี่ยวกับหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ": (
        "Putting the No Gift Policy into practice and building knowledge of the "
        "rules for state officials accepting property or other benefits on an "
        "ethical basis"
    ),
    "การประเมินความเสี่ยงการทุจริตในหน่วยงานภาครัฐ": (
        "Corruption risk assessment in the public agency"
    ),
    "รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริตของหน่วยงาน": (
        "Report on the agency's corruption risk management plan"
    ),
    "รายงานผลการดำเนินการป้องกันการทุจริต": "Report on corruption prevention",
    "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร": (
        "Using the ITA results to develop the organisation"
    ),
    "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน": (
        "Report on action to promote integrity and transparency within the agency"
    ),
}

# --- Open doubts, per year, most important first ------------------------------

GRADES = (
    "Grade bands AA–F are not confirmed: only the 85 pass mark and the 95 "
    "'excellent' level were seen."
)
EIT_TEXTS = "EIT question texts e1–e15 were not seen; they are left empty."
EIT_SPLIT = (
    "The split of e1–e15 into indicators 6–8 (5/5/5) is not confirmed for this "
    "year; seed 001 shows it for FY2562 only."
)
EIT_NAMES = "The Thai names of EIT indicators 7 and 8 were not seen for this year."
IIT_CARRIED = (
    "IIT question texts are carried over from the FY2564 form; this year's form "
    "was not seen."
)
IIT_I10 = "i10's wording was never seen (the FY2564 replica repeats i9's text there)."
IIT_STALE = (
    "Seed 002 shows FY2566 reworded and renumbered the IIT questions, so the "
    "FY2564 wording carried here is probably out of date."
)
# Bandit B105: a note about the pass mark, not a password.
PASS_CARRIED = (  # nosec B105
    "The 85 pass mark is carried over; it is confirmed only for FY2565 and FY2568."
)
TITLES = (
    "Some OIT titles come from agency, school or vendor websites and may differ "
    "slightly from NACC's official wording."
)

DOUBTS = {
    2562: [
        "Sub-indicator 10.2 is uncertain: seed 001 lists seven items O42–O48, the "
        "vendor's pre-2563 module lists six measure topics, and no title after O43 "
        "was seen.",
        "Seed 001's OIT instrument line (33.17) does not follow from its own "
        "indicator scores (80.64 and 87.50 give 33.63); its overall 81.80 does.",
        "The measures and progress items (O42/O43) are unverified: seed 001 says "
        "O42/O43 took that role only from FY2563.",
        "OIT titles O6–O41 are inferred from an undated vendor module and the "
        "FY2564 list; only O1–O5 were seen for FY2562.",
        GRADES,
        EIT_TEXTS,
        IIT_CARRIED,
        IIT_I10,
        PASS_CARRIED,
        TITLES,
    ],
    2563: [
        "The OIT list is carried over from FY2564; only O27 was seen for FY2563 "
        "(the official FY2563 manual was not readable).",
        GRADES,
        EIT_TEXTS,
        EIT_SPLIT,
        EIT_NAMES,
        "IIT question texts other than i1 and i2 are carried over from the FY2564 "
        "form.",
        IIT_I10,
        PASS_CARRIED,
        TITLES,
    ],
    2564: [
        GRADES,
        "Seed 000's FY2564 indicator scores give 78.85 with the 30/30/40 weights, "
        "not the 78.77 it reports: a score there may be mistyped, or the weights "
        "differed.",
        EIT_TEXTS,
        EIT_SPLIT,
        IIT_I10,
        PASS_CARRIED,
        TITLES,
    ],
    2565: [
        GRADES,
        EIT_TEXTS,
        EIT_SPLIT,
        IIT_CARRIED,
        IIT_I10,
        TITLES,
    ],
    2566: [
        GRADES,
        "IIT wording comes from one municipality's plan (seed 002), which shows the "
        "questions were reworded and renumbered since FY2564; i1–i6, i20, i24, i27, "
        "i29 and i30 are unknown.",
        "EIT wording comes from the same plan, not from the NACC form; e4, e5, e8 "
        "and e13 were not seen.",
        "Answer types and reverse scoring of the seed 002 questions are read from "
        "their wording, not from the form.",
        EIT_SPLIT,
        EIT_NAMES,
        PASS_CARRIED,
        TITLES,
    ],
    2567: [
        "The OIT list was not found: only O1–O4 are recorded and indicator 10 has "
        "no items; enter the list from the NACC FY2567 manual. One page says OIT "
        "had 35 items, year unclear.",
        "O4 is contested: one source shows ข้อมูลการติดต่อ, another แผนยุทธศาสตร์.",
        "Sub-indicator boundaries are unknown, so none are set; sources show 9.1 "
        "ข้อมูลพื้นฐาน and 9.2 renamed การบริหารงานและการใช้จ่ายงบประมาณ.",
        "The measures and progress items are unknown; do not assume O42/O43.",
        GRADES,
        "Weights 30/30/40 are not confirmed for FY2567; no change was seen.",
        EIT_TEXTS,
        EIT_SPLIT,
        EIT_NAMES,
        IIT_CARRIED,
        IIT_STALE,
        IIT_I10,
        PASS_CARRIED,
    ],
    2568: [
        "The OIT list is incomplete: O2 and O5–O7 were not seen, and whether items "
        "follow O26 is unknown (one agency's page shows O1–O26).",
        "Sub-indicator boundaries were not seen, so none are set; the items sit "
        "directly under indicators 9 and 10.",
        "The measures and progress items are unknown: no item titled "
        "มาตรการส่งเสริมคุณธรรม… was seen among O1–O26.",
        GRADES,
        EIT_TEXTS,
        EIT_SPLIT,
        "The Thai names of EIT indicators 7 and 8 were not seen for this year "
        "(only the English 'System improvement' for 8).",
        IIT_CARRIED,
        IIT_STALE,
        IIT_I10,
        TITLES,
    ],
    2569: [
        "The OIT list is partial and from one agency's website (low confidence): "
        "O2 and O5–O7 were not seen, and whether items follow O26 is unknown.",
        "Sub-indicator boundaries were not seen, so none are set; the items sit "
        "directly under indicators 9 and 10.",
        "The measures and progress items O25/O26 are candidates from that one "
        "website only.",
        GRADES,
        "Weights from FY2569 on are not confirmed; no change was seen.",
        EIT_TEXTS,
        EIT_SPLIT,
        EIT_NAMES,
        IIT_CARRIED,
        IIT_STALE,
        IIT_I10,
        PASS_CARRIED,
        TITLES,
    ],
}

# --- Building -----------------------------------------------------------------
