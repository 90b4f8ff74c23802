"""The usual divisions of each kind of local government, offered when an
office sets itself up (organizations/setup_views.py, step 2).

Data only: a name as the office usually writes it and the DivisionKind that
lets the measure templates find it. The office ticks, renames or adds to
these; nothing here is stored until it does.
"""

from .models import DivisionKind, Organization

Kind = Organization.Kind

_MUNICIPALITY_COMMON = [
    ("สำนักปลัดเทศบาล", DivisionKind.CLERK),
    ("กองคลัง", DivisionKind.FINANCE),
    ("กองช่าง", DivisionKind.ENGINEERING),
    ("กองการศึกษา", DivisionKind.EDUCATION),
    ("กองสาธารณสุขและสิ่งแวดล้อม", DivisionKind.HEALTH),
]

_LOCAL_COMMON = [
    ("สำนักปลัด", DivisionKind.CLERK),
    ("กองคลัง", DivisionKind.FINANCE),
    ("กองช่าง", DivisionKind.ENGINEERING),
    ("กองการศึกษา ศาสนาและวัฒนธรรม", DivisionKind.EDUCATION),
]

STRUCTURES: dict[str, list[tuple[str, str]]] = {
    Kind.SUBDISTRICT_MUNICIPALITY: _MUNICIPALITY_COMMON,
    Kind.TOWN_MUNICIPALITY: _MUNICIPALITY_COMMON
    + [
        ("กองยุทธศาสตร์และงบประมาณ", DivisionKind.STRATEGY),
        ("กองสวัสดิการสังคม", DivisionKind.WELFARE),
    ],
    Kind.CITY_MUNICIPALITY: _MUNICIPALITY_COMMON
    + [
        ("กองยุทธศาสตร์และงบประมาณ", DivisionKind.STRATEGY),
        ("กองสวัสดิการสังคม", DivisionKind.WELFARE),
        ("กองการเจ้าหน้าที่", DivisionKind.PERSONNEL),
    ],
    Kind.SAO: _LOCAL_COMMON
    + [
        ("กองสาธารณสุขและสิ่งแวดล้อม", DivisionKind.HEALTH),
        ("กองสวัสดิการสังคม", DivisionKind.WELFARE),
    ],
    Kind.PAO: [
        ("สำนักปลัดองค์การบริหารส่วนจังหวัด", DivisionKind.CLERK),
        ("กองคลัง", DivisionKind.FINANCE),
        ("กองช่าง", DivisionKind.ENGINEERING),
        ("กองการศึกษา ศาสนาและวัฒนธรรม", DivisionKind.EDUCATION),
        ("กองสาธารณสุข", DivisionKind.HEALTH),
        ("กองยุทธศาสตร์และงบประมาณ", DivisionKind.STRATEGY),
        ("กองการเจ้าหน้าที่", DivisionKind.PERSONNEL),
        ("กองสวัสดิการสังคม", DivisionKind.WELFARE),
    ],
    Kind.OTHER: [
        ("สำนักปลัด", DivisionKind.CLERK),
        ("กองคลัง", DivisionKind.FINANCE),
        ("กองช่าง", DivisionKind.ENGINEERING),
    ],
}


def usual_divisions(kind: str) -> list[tuple[str, str]]:
    """(name, DivisionKind) of the usual divisions of an organisation `kind`."""
    return list(STRUCTURES.get(kind) or STRUCTURES[Kind.OTHER])
