"""Trygnet's reference partner portal."""
