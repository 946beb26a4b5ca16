"""Content: raw YAML to the typed pack (extends applied, every problem located)."""
