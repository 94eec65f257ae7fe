"""CBT exercises and check-ins: mood check-ins, PHQ/GAD questionnaires, thought records,
behavioural activation with reminders, and paced breathing and grounding.

Pure parts (`instruments`, `scoring`, `answers`, `when`) know nothing of Rasa or storage;
`stores` seal and keep what a person wrote; `*_actions` modules answer Rasa's action calls;
`scheduler` delivers reminders from the gateway.
"""

# `haven.storage.sealed` lists this package's sealed tables for key rotation, so storage must
# finish importing before `bot.cbt.tables` does, whichever of the two is imported first.
import haven.storage  # noqa: F401
