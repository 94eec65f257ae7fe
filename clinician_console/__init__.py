"""The clinician console for flagged sessions. (Built by a later issue.)"""
