"""Forget cached plan heads (`public.cache`) when what a public plan page
shows is saved or deleted, wherever that happens: the workflow services,
the portal's forms, Django admin. Deletions are caught before the rows go
(`pre_delete`), while the plans they touch can still be found."""

from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from measures.models import Plan, ReportingRound
from organizations.models import Division, Organization
from reports.models import ApprovedDocument

from . import cache


@receiver(post_save, sender=Plan)
@receiver(pre_delete, sender=Plan)
def plan_changed(sender, instance, **kwargs):
    """Published, revised (the old revision is saved too), replaced, deleted."""
    cache.forget_plan_year(
        organization_id=instance.organization_id, fiscal_year=instance.fiscal_year
    )


def _forget_plan(plan_id):
    year = Plan.objects.filter(pk=plan_id).values("organization_id", "fiscal_year")
    for found in year:
        cache.forget_plan_year(**found)


@receiver(post_save, sender=ReportingRound)
@receiver(pre_delete, sender=ReportingRound)
def round_changed(sender, instance, **kwargs):
    """A round published: the year's pages show its statuses (from the
    revision it belongs to onwards)."""
    _forget_plan(instance.plan_id)


@receiver(post_save, sender=ApprovedDocument)
@receiver(pre_delete, sender=ApprovedDocument)
def document_changed(sender, instance, **kwargs):
    """A plan's or a round's approved PDF frozen (or removed)."""
    memo = instance.memo
    if memo.fiscal_year is not None:
        cache.forget_plan_year(
            organization_id=memo.organization_id, fiscal_year=memo.fiscal_year
        )


@receiver(pre_save, sender=Organization)
def organization_saving(sender, instance, **kwargs):
    """Remember the slug the organisation's pages had, in case it changes."""
    if instance.pk:
        instance._public_old_slug = (
            Organization.objects.filter(pk=instance.pk)
            .values_list("slug", flat=True)
            .first()
        )


@receiver(post_save, sender=Organization)
@receiver(pre_delete, sender=Organization)
def organization_changed(sender, instance, **kwargs):
    old = getattr(instance, "_public_old_slug", None)
    cache.forget_organization(
        organization_id=instance.pk,
        slugs=[old] if old and old != instance.slug else [],
    )


@receiver(post_save, sender=Division)
@receiver(pre_delete, sender=Division)
def division_changed(sender, instance, **kwargs):
    """A division renamed or deleted: the measures name their divisions."""
    cache.forget_organization(organization_id=instance.organization_id)


def _rebuild_open_data(fiscal_year):
    from .tasks import opendata_build

    if fiscal_year is None:
        return
    transaction.on_commit(lambda: opendata_build.delay(fiscal_year))


@receiver(post_save, sender=Plan)
def plan_saved_for_open_data(sender, instance, **kwargs):
    """A plan published, or one that was published changed (a new revision
    replaces it): the year's open data is built again once committed."""
    if instance.status == Plan.Status.PUBLISHED or instance.published_at:
        _rebuild_open_data(instance.fiscal_year)


@receiver(post_save, sender=ReportingRound)
def round_saved_for_open_data(sender, instance, **kwargs):
    if instance.status == ReportingRound.Status.PUBLISHED:
        _rebuild_open_data(
            Plan.objects.filter(pk=instance.plan_id)
            .values_list("fiscal_year", flat=True)
            .first()
        )
