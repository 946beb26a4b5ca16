"""The historical source (primary or secondary, with its provenance): its spec and PDF view."""
