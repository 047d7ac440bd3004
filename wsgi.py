"""The WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from local_offer import create_app

app = create_app()
