"""The web chat page: plain HTML, CSS and a little JavaScript, no build step."""
