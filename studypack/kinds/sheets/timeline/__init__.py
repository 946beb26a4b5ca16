"""The timeline sheet kind: its spec and PDF view."""
