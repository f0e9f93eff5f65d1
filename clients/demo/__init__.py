"""Synthetic demo data (``manage.py demo_data``). It fills every sub-app, so it sits on top of
them as its own sub-app: the clients core imports no sub-app."""
