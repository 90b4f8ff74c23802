"""The English names of Thai provinces and of the districts the portal knows,
as the Thai government romanises them (RTGS, the Royal Institute's system):
กระบี่ → Krabi, อุบลราชธานี → Ubon Ratchathani.

Every province is here. Districts (อำเภอ) are many and an organisation types
its own, so only those the seed organisations use are listed, plus the rule
that names a province's capital district: อำเภอเมือง<province> is
Mueang <Province>. A district without a known English name is shown in Thai
inside the English sentence (organizations.models.Organization.location).
"""

PROVINCES: dict[str, str] = {
    "กรุงเทพมหานคร": "Bangkok",
    "กระบี่": "Krabi",
    "กาญจนบุรี": "Kanchanaburi",
    "กาฬสินธุ์": "Kalasin",
    "กำแพงเพชร": "Kamphaeng Phet",
    "ขอนแก่น": "Khon Kaen",
    "จันทบุรี": "Chanthaburi",
    "ฉะเชิงเทรา": "Chachoengsao",
    "ชลบุรี": "Chon Buri",
    "ชัยนาท": "Chai Nat",
    "ชัยภูมิ": "Chaiyaphum",
    "ชุมพร": "Chumphon",
    "เชียงราย": "Chiang Rai",
    "เชียงใหม่": "Chiang Mai",
    "ตรัง": "Trang",
    "ตราด": "Trat",
    "ตาก": "Tak",
    "นครนายก": "Nakhon Nayok",
    "นครปฐม": "Nakhon Pathom",
    "นครพนม": "Nakhon Phanom",
    "นครราชสีมา": "Nakhon Ratchasima",
    "นครศรีธรรมราช": "Nakhon Si Thammarat",
    "นครสวรรค์": "Nakhon Sawan",
    "นนทบุรี": "Nonthaburi",
    "นราธิวาส": "Narathiwat",
    "น่าน": "Nan",
    "บึงกาฬ": "Bueng Kan",
    "บุรีรัมย์": "Buri Ram",
    "ปทุมธานี": "Pathum Thani",
    "ประจวบคีรีขันธ์": "Prachuap Khiri Khan",
    "ปราจีนบุรี": "Prachin Buri",
    "ปัตตานี": "Pattani",
    "พระนครศรีอยุธยา": "Phra Nakhon Si Ayutthaya",
    "พะเยา": "Phayao",
    "พังงา": "Phang Nga",
    "พัทลุง": "Phatthalung",
    "พิจิตร": "Phichit",
    "พิษณุโลก": "Phitsanulok",
    "เพชรบุรี": "Phetchaburi",
    "เพชรบูรณ์": "Phetchabun",
    "แพร่": "Phrae",
    "ภูเก็ต": "Phuket",
    "มหาสารคาม": "Maha Sarakham",
    "มุกดาหาร": "Mukdahan",
    "แม่ฮ่องสอน": "Mae Hong Son",
    "ยโสธร": "Yasothon",
    "ยะลา": "Yala",
    "ร้อยเอ็ด": "Roi Et",
    "ระนอง": "Ranong",
    "ระยอง": "Rayong",
    "ราชบุรี": "Ratchaburi",
    "ลพบุรี": "Lop Buri",
    "ลำปาง": "Lampang",
    "ลำพูน": "Lamphun",
    "เลย": "Loei",
    "ศรีสะเกษ": "Si Sa Ket",
    "สกลนคร": "Sakon Nakhon",
    "สงขลา": "Songkhla",
    "สตูล": "Satun",
    "สมุทรปราการ": "Samut Prakan",
    "สมุทรสงคราม": "Samut Songkhram",
    "สมุทรสาคร": "Samut Sakhon",
    "สระแก้ว": "Sa Kaeo",
    "สระบุรี": "Saraburi",
    "สิงห์บุรี": "Sing Buri",
    "สุโขทัย": "Sukhothai",
    "สุพรรณบุรี": "Suphan Buri",
    "สุราษฎร์ธานี": "Surat Thani",
    "สุรินทร์": "Surin",
    "หนองคาย": "Nong Khai",
    "หนองบัวลำภู": "Nong Bua Lam Phu",
    "อ่างทอง": "Ang Thong",
    "อำนาจเจริญ": "Amnat Charoen",
    "อุดรธานี": "Udon Thani",
    "อุตรดิตถ์": "Uttaradit",
    "อุทัยธานี": "Uthai Thani",
    "อุบลราชธานี": "Ubon Ratchathani",
}

# (province, district) → the district's English name, for the districts of
# the seed organisations (demo/data/) and of seed 004's
# เทศบาลตำบลบ้านฉาง. Keyed by province too: a district name may repeat.
DISTRICTS: dict[tuple[str, str], str] = {
    ("กระบี่", "คลองท่อม"): "Khlong Thom",
    ("ขอนแก่น", "หนองสองห้อง"): "Nong Song Hong",
    ("ระยอง", "บ้านฉาง"): "Ban Chang",
}

CAPITAL_DISTRICT_PREFIX = "เมือง"


def province_english(province: str) -> str:
    """The province's English name, or "" when it is not a province's name."""
    return PROVINCES.get(province.strip(), "")


def district_english(district: str, province: str) -> str:
    """The district's English name where it is known, else ""."""
    district, province = district.strip(), province.strip()
    if (province, district) in DISTRICTS:
        return DISTRICTS[(province, district)]
    capital_of = district.removeprefix(CAPITAL_DISTRICT_PREFIX)
    if capital_of != district and capital_of == province and province in PROVINCES:
        return "Mueang " + PROVINCES[province]
    return ""
