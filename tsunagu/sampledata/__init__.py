"""Synthetic data for the demo (small, through the services) and the bench (large, bulk inserts).

The top of the layers: it builds on every domain app, and no app below imports it.
"""
