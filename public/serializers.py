"""The public plan as data: the page and its JSON variant are built from the
same dictionary, so they cannot disagree."""

from django.urls import reverse
from django.utils.translation import get_language

from ita_portal import thai

from . import cache, queries


def _date(value):
    return value.isoformat() if value else None


def plan_payload(head, request=None) -> dict:
    """The public data of the plan of `head` (`public.cache.Head`), from the
    cache when this version of the plan was shown before in this language.
    Links are site-relative, or absolute when `request` is given (the JSON)."""
    data = cache.get_or_build(
        cache.payload_key(head.version, get_language()),
        lambda: build_payload(head.plan),
    )
    if request is not None:
        for document in data["documents"]:
            document["url"] = request.build_absolute_uri(document["url"])
        for measure in data["measures"]:
            for item in measure["evidence"]:
                item["url"] = request.build_absolute_uri(item["url"])
    return data


def build_payload(plan) -> dict:
    organization = plan.organization
    progress = queries.plan_progress(plan)
    measures = []
    for measure in queries.plan_measures(plan):
        status = progress.get(measure.lineage_root_id, {})
        measures.append(
            {
                "order": measure.order,
                "theme": measure.theme,
                "title": measure.title,
                "steps": measure.steps,
                "lead_division": measure.lead_division.name
                if measure.lead_division
                else None,
                "divisions": [d.name for d in measure.divisions.all()],
                # The office's words for who is responsible, where it typed
                # them: the page prints them instead of the divisions.
                "responsible_text": measure.responsible_text.strip(),
                "responsible_people": measure.people_lines,
                "timeframe": measure.timeframe_label(),
                "timeframe_start": _date(measure.timeframe_bounds()[0]),
                "timeframe_end": _date(measure.timeframe_bounds()[1]),
                "follow_up": measure.follow_up,
                "indicators": measure.indicators,
                "items": measure.items,
                "finding": measure.finding,
                "status": status.get("status"),
                "status_label": status.get("status_label"),
                "result": status.get("result", ""),
                "reported_on": _date(status.get("reported_on")),
                "links": status.get("links", []),
                "evidence": status.get("evidence", []),
            }
        )
    summary = queries.plan_summary(plan)
    documents = [
        {
            "kind": d.kind,
            "title": (
                f"{d.get_kind_display()} {d.memo.round.label()}"
                if d.memo.round_id
                else d.get_kind_display()
            ),
            "sha256": d.sha256,
            "url": reverse("public:document", args=[organization.slug, d.pk]),
        }
        for d in queries.plan_documents(plan)
    ]
    return {
        "organization": {
            "name": organization.name,
            "slug": organization.slug,
            "kind": organization.get_kind_display(),
            "province": organization.province,
        },
        "fiscal_year": plan.fiscal_year,
        "fiscal_year_start": _date(thai.fiscal_year_bounds(plan.fiscal_year)[0]),
        "revision": plan.revision,
        "title": plan.title,
        "assessment": summary,
        "analysis": [p.text for p in plan.analysis.all()],
        "approved_at": _date(plan.approved_at),
        "published_at": _date(plan.published_at),
        "progress_round": queries.progress_round_info(plan),
        "measures": measures,
        "documents": documents,
    }
