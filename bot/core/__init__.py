"""The core conversation's actions: greeting (first visit or returning)."""
