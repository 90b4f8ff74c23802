from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """makemessages without fuzzy matching: gettext's guesses pair unrelated
    Thai sentences with English ones, which is worse than no translation."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
