"""The exam sheet kind: its spec and PDF view."""
