"""Invented demo data: identities, households and casework prose (shared by `egide loaddemo` and bench/).

Everything here is fictional. The pure generators (identities, notes, plans) need no Django and are
seeded, so the same seed gives the same people and the same notes.
"""
