"""Build-time helpers for the stylesheet."""
