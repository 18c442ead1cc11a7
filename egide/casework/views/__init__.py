"""Casework pages, split by domain. Views stay thin: parse, call a selector or a service, render."""
