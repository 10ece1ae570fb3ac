"""Offline-first food-safety inspection for township inspectors and clerks."""

__version__ = "0.1.0"
