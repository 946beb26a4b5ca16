"""A blank working box with a ruled border: its spec, PDF view and Word form."""
