from django import template

from reports import verification

register = template.Library()


@register.inclusion_tag("reports/_verification_foot.html")
def verification_foot():
    """The verification code and QR code on each page's foot of a document
    being frozen (reports/verification.py, `printing`); nothing otherwise."""
    return {"foot": verification.foot()}


@register.inclusion_tag("reports/_approval_stamp_pdf.html")
def approval_stamp(lift: str = ""):
    """Room in a signature block for the stamp of the digital signature,
    where the ink signature would go, while a document is frozen to be
    signed (reports/signing.py finds it by its id); nothing otherwise."""
    from reports import signing

    return {
        "room": verification.stamp_room(),
        "anchor": signing.STAMP_ANCHOR,
        "width": signing.STAMP_WIDTH,
        "height": signing.STAMP_HEIGHT,
        "lift": lift,
    }
