"""Extensions, created without an app and bound in the factory."""

import hashlib
import hmac

from flask import current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from .database import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
babel = Babel()
csrf = CSRFProtect()


def client_key() -> str:
    """The rate limiter's key for a client: a keyed hash of its address, so storage never holds an IP."""
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), address, hashlib.sha256).hexdigest()[:32]


limiter = Limiter(key_func=client_key, strategy="moving-window")
