"""Égide: the case file of a social service that protects and lightens."""
