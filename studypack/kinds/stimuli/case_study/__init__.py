"""The case study (a titled resource: text, picture or both, with its source): its spec and PDF view."""
