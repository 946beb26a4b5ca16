"""The source-analysis sheet kind: its spec and PDF view."""
