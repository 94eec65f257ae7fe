"""The SMS channel: people text Haven's number through Twilio, and every flow works as on the
web. Channels only adapt formats; the turn pipeline decides everything else.

    channel.py      SmsChannel: an incoming text in, replies out (the order, top to bottom)
    keywords.py     STOP/START/HELP and a plain request to stop
    choices.py      buttons as numbered choices, and a reply that picks one
    replies.py      a turn's replies as SMS: choices, crisis form, disclosure, segments
    crisis.py       the SMS form of a crisis response ("text 988" first)
    segments.py     GSM-7 / UCS-2 segments cut between words
    texts.py        what the channel says in its own words
    numbers.py      E.164 and the keyed look-up hash of a number
    subscribers.py  number → session, opt-out state, choices offered (sealed)
    receipts.py     processed MessageSids (a Twilio retry is not a second turn)
    outbox.py       every outbound segment and its delivery state
    worker.py       sends due segments with backoff     sender.py   the Twilio REST client
    tables.py       the tables (numbers, bodies and choices sealed)

Nothing is re-exported here: `haven.storage.sealed` imports `haven.sms.tables` (key rotation
covers the SMS tables), so this package must import nothing that needs `haven.storage` to
have finished importing.
"""

# As in bot.cbt: storage must finish importing before `haven.sms.tables` does.
import haven.storage  # noqa: F401
