"""Themes ("ประเด็น"): seed 002 prints its measures under the theme each
belongs to. The documents group a plan's measures by this one rule."""


def theme_groups(measures) -> list[tuple[str, list]]:
    """The measures, in their order, as (theme, measures) groups: each theme
    takes the place of its first measure, and a later measure of a theme
    joins that theme's group. Blank themes make one group of their own ("")."""
    groups: dict[str, list] = {}
    for measure in measures:
        groups.setdefault(measure.theme.strip(), []).append(measure)
    return list(groups.items())
