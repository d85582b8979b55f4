"""Renderers: each turns items into one output format and does nothing else."""
