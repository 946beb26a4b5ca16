"""One build and class sets: prepare, plan, typeset, write."""
