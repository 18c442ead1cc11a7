"""Égide settings: one module, driven by the environment.

Defaults give a working offline demo (SQLite file, console mail, built-in assistant).
Production sets at least EGIDE_SECRET_KEY, EGIDE_DEBUG=0, EGIDE_ALLOWED_HOSTS, DATABASE_URL
and EGIDE_DATA_KEYS (see docs/deploy.md).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("EGIDE_DEBUG", True)
# The default key is for the demo and tests only; `check --deploy` flags it in production.
SECRET_KEY = env("EGIDE_SECRET_KEY", "django-insecure-egide-demo-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env_list("EGIDE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("EGIDE_CSRF_TRUSTED_ORIGINS")

# Where Égide keeps its files: the SQLite database, uploaded documents (outside any web root).
DATA_DIR = Path(env("EGIDE_DATA_DIR", str(BASE_DIR / "var")))
DOCUMENTS_DIR = Path(env("EGIDE_DOCUMENTS_DIR", str(DATA_DIR / "documents")))
DOCUMENT_MAX_BYTES = int(env("EGIDE_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Uploads stay in memory (never written in clear to a temporary file) up to the document limit.
FILE_UPLOAD_MAX_MEMORY_SIZE = DOCUMENT_MAX_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = DOCUMENT_MAX_BYTES + 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "egide.common",
    "egide.accounts",
    "egide.people",
    "egide.casework",
    "egide.audit",
    "egide.consent",
    "egide.privacy",
    "egide.assist",
    "egide.rights",
    "egide.orientation",
    "egide.governance",
    "egide.participation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "egide.common.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "egide.accounts.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "egide.privacy.otp.RequireOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "egide.common.context_processors.egide",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'egide.sqlite3'}"),
        # A new PostgreSQL backend starts with cold caches and no prepared statements: keep
        # connections ten minutes, checked before reuse.
        conn_max_age=int(env("EGIDE_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work together; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
# Server-side parameters let psycopg prepare the statements a process runs again and again (the
# visibility rules of every page): 10-15 % less time per page on PostgreSQL. Behind a pooler in
# transaction mode (PgBouncer), set EGIDE_DB_PREPARED=0.
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "EGIDE_DB_PREPARED", True
):
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "common:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Login throttling: attempts per username and per address within the window.
LOGIN_MAX_ATTEMPTS = int(env("EGIDE_LOGIN_MAX_ATTEMPTS", "5"))
LOGIN_LOCK_SECONDS = int(env("EGIDE_LOGIN_LOCK_SECONDS", "900"))

SESSION_COOKIE_AGE = int(env("EGIDE_SESSION_SECONDS", str(int(timedelta(hours=8).total_seconds()))))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle timeout: the age counts from the last request, refreshed at most once a minute
# (egide.accounts.middleware.IdleSessionMiddleware) rather than saved on every request.
SESSION_REFRESH_SECONDS = int(env("EGIDE_SESSION_REFRESH_SECONDS", "60"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE = env_bool("EGIDE_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("EGIDE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("EGIDE_BEHIND_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict CSP: everything is served from Égide itself, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

EMAIL_BACKEND = env("EGIDE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("EGIDE_FROM_EMAIL", "egide@localhost")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("EGIDE_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("EGIDE_LOG_LEVEL", "WARNING")},
}

# Encryption at rest: comma-separated "id:base64key" pairs, the first one encrypts.
# Keys live outside the database (environment or a key file); see egide/privacy.
EGIDE_DATA_KEYS = env("EGIDE_DATA_KEYS", "")
EGIDE_DATA_KEY_FILE = env("EGIDE_DATA_KEY_FILE", str(DATA_DIR / "keys" / "data.keys"))

# External model endpoint (OpenAI-compatible). Empty = built-in backend only.
EGIDE_LLM_BASE_URL = env("EGIDE_LLM_BASE_URL", "")
EGIDE_LLM_MODEL = env("EGIDE_LLM_MODEL", "")
EGIDE_LLM_API_KEY = env("EGIDE_LLM_API_KEY", "")
EGIDE_LLM_TIMEOUT = float(env("EGIDE_LLM_TIMEOUT", "30"))
EGIDE_LLM_RETRIES = int(env("EGIDE_LLM_RETRIES", "1"))
EGIDE_LLM_MAX_TOKENS = int(env("EGIDE_LLM_MAX_TOKENS", "1500"))  # longest answer accepted

# Heavy engines (spaCy, OpenFisca) are warmed when a web process starts, unless disabled.
EGIDE_WARM_ENGINES = env_bool("EGIDE_WARM_ENGINES", False)

# Second factor (TOTP) for the roles that read notes; off in the demo, on in production.
EGIDE_REQUIRE_OTP = env_bool("EGIDE_REQUIRE_OTP", not DEBUG)
