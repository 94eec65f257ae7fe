"""Chat sessions: create one, send a message, read the history, stream turns."""
