"""The data table (caption, headers with units, numbers on the decimal point): its spec and PDF view."""
