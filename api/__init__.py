"""Haven's HTTP gateway (Litestar): the web chat, the sessions API and Rasa's action endpoint."""
