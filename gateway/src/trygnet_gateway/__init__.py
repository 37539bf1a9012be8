"""Trygnet GraphQL gateway: the one public API of the platform."""
