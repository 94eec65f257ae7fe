"""Code that runs inside the Rasa process (Python 3.10, Rasa's own environment).

Only `haven.crypto` may be imported from Haven here: it depends on nothing but `cryptography`.
"""
