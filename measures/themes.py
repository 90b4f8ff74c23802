"""Themes ("ประเด็น"): seed 002 prints its measures under the theme each
belongs to. The documents group a plan's measures by this one rule."""

from itertools import groupby


def theme_groups(measures) -> list[tuple[str, list]]:
    """The measures, in their order, as (theme, measures) groups of
    consecutive measures sharing a theme (blank for none). The order staff
    give the measures is kept, so a measure's number is the same in every
    document and on every page; a theme that comes back after another one
    is headed again, a hint to move its measures together."""
    return [
        (theme, list(group))
        for theme, group in groupby(measures, key=lambda m: m.theme.strip())
    ]
