"""The recent years, as data for scripts/build_frameworks.py: which years are
provisional, what is known of the FY2568 and FY2569 OIT lists and where it
was seen, and how a year the catalogue lacks is made from the one before.

Kept apart from scripts/framework_corrections.py (the seeds' corrections and
the English names) so that each file stays readable."""

# A provisional year shows "ยังไม่ได้ตรวจทานกับคู่มือการประเมินของ ป.ป.ช." on
# every page that uses it. These are the years whose OIT list was not seen
# whole in the NACC manual or a complete list of that year; a year made from
# the one before (CARRIED_YEARS) is provisional too.
PROVISIONAL_YEARS = (2567, 2568, 2569)

# Years the catalogue lacks, each made from the year before it: the users of
# FY2570 plan from their FY2569 scores before the FY2570 manual is out.
CARRIED_YEARS = (2570,)

RTRDA = "gh:rtrda-ita-2568-2569"
ONE_SITE = (
    f"low confidence: seen on one central agency's site (rtrda.or.th, {RTRDA}); "
    "local governments' forms may differ"
)
MEASURES_TITLE_2564 = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"

# What one central agency's site shows, year by year. `oit_items` is the whole
# list of OIT codes that site shows; `titles` are item titles with the
# confidence given to them; `roles` the measures and progress items.
RECENT_FACTS = {
    2568: {
        "source": RTRDA + " (headings of rtrda.or.th's 'การประเมิน ITA ปี 2568')",
        "oit_items": tuple(f"O{n}" for n in range(1, 27)),
        "no_title": MEASURES_TITLE_2564,
        "titles": {},
        "roles": (None, None),
        "note": (
            "FY2568 OIT items run O1–O26 and none is titled "
            "'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน', so no item takes "
            f"the measures-plan or progress-report role ({ONE_SITE})."
        ),
    },
    2569: {
        "source": RTRDA + " (headings of rtrda.or.th's 'การประเมิน ITA ปี 2569')",
        "oit_items": None,
        "no_title": None,
        "titles": {
            "O25": ("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", "inferred"),
            "O26": (
                "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                "inferred",
            ),
        },
        "roles": ("O25", "O26"),
        "note": (
            "FY2569 lists O25 'การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร' (the "
            "measures plan) and O26 'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและ"
            f"ความโปร่งใสภายในหน่วยงาน' (the progress report) ({ONE_SITE})."
        ),
    },
}

CARRIED_NOTE = (
    "FY{year} is a copy of FY{source}: the FY{year} NACC manual was not seen. "
    "Every fact is carried over (confidence at most 'inferred'); correct the year "
    "in the portal when the manual is out."
)
CARRIED_DOUBT = (
    "The whole FY{year} framework is carried over from FY{source}; nothing was "
    "seen for FY{year}."
)
