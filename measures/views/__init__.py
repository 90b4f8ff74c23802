"""The measures app's pages, one module per part: plans (`plans`), a plan's
measures (`measures`), the template library (`templates`) and progress
(`progress`). measures/urls.py names each view by its module."""
