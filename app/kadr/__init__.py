"""Kadr: a frame-by-frame animation studio for every child."""

__version__ = "0.1.0"
APP_NAME = "kadr"
