"""The worksheet sheet kind: its spec and PDF view."""
