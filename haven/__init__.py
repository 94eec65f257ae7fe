"""Haven's core: settings, encrypted storage, the turn pipeline and the `haven` command.

Nothing here does work at import time; long-lived resources are built at start-up.
"""
