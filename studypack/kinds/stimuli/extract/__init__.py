"""The prose extract (from a novel, a play, an article), numbered by printed line: its spec and PDF view."""
