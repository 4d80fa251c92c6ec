"""Donations (捐款捐物): see README.md."""
