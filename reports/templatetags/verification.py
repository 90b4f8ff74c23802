from django import template

from reports import verification

register = template.Library()


@register.inclusion_tag("reports/_verification_foot.html")
def verification_foot():
    """The verification code and QR code on each page's foot of a document
    being frozen (reports/verification.py, `printing`); nothing otherwise."""
    return {"foot": verification.foot()}
