"""Ruled lines, the answer space a question has when it names none: its spec, PDF view and Word form."""
