"""The glossary sheet kind: its spec and PDF view."""
