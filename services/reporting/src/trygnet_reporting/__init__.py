"""Trygnet reporting service: projections of collaboration and outcomes, and national figures."""
