"""The programmes of the Lampung demo (see `seed.py`)."""

from .seed import ProgrammesResult, seed_programmes_demo

__all__ = ["ProgrammesResult", "seed_programmes_demo"]
