"""The cover sheet kind: its spec and PDF view."""
