"""Graph axes with the scales the question sets, for the student to plot on: its spec, PDF view and Word form."""
