"""Haven's conversation features: dialogue flows (Rasa domain), crisis safety, CBT actions."""
