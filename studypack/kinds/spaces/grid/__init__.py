"""A squared grid to work on: its spec, PDF view and Word form."""
