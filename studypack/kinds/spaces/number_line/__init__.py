"""A number line with labelled ticks: its spec, PDF view and Word form."""
