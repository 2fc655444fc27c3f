"""Scorecard settings, read from the environment (django-environ).

Defaults give the embedded setup: SQLite (WAL, IMMEDIATE transactions) and the in-memory channel layer.
Set DATABASE_URL and REDIS_URL for PostgreSQL and Redis.
"""

from pathlib import Path
from typing import Any

import environ
import structlog
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SECURE_SSL_REDIRECT=(bool, False),
    SECURE_HSTS_SECONDS=(int, 0),
    REDIS_MAX_CONNECTIONS=(int, 10_000),
    REDIS_SOCKET_TIMEOUT=(float, 30.0),
    DISCORD_CLIENT_ID=(str, ""),
    DISCORD_CLIENT_SECRET=(str, ""),
    PD_API_BASE_URL=(str, "https://pd.manticorum.com/api/v2/"),
    PD_API_KEY=(str, ""),
    SBA_API_BASE_URL=(str, "https://api.sba.manticorum.com/"),
    SBA_API_KEY=(str, ""),
    SBA_API_PATH_PREFIX=(str, ""),
    LOG_LEVEL=(str, "INFO"),
    STATIC_MANIFEST=(bool, False),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env(
    "SECRET_KEY",
    default="dev-insecure-8f3c1c0b6e2d4f0e9a7b5c3d1e0f2a4b6c8d0e2f4a6b8c0d",
)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.discord",
    "leagues",
    "players",
    "games",
    "outbox",
    "realtime",
    "api",
    "scorecard.apps.ScorecardConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.middleware.RejectNulBytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "scorecard.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scorecard.context_processors.login_options",
            ],
        },
    },
]

WSGI_APPLICATION = "scorecard.wsgi.application"
ASGI_APPLICATION = "scorecard.asgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

REDIS_URL = env("REDIS_URL", default="")
REDIS_MAX_CONNECTIONS = env("REDIS_MAX_CONNECTIONS")
REDIS_SOCKET_TIMEOUT = env("REDIS_SOCKET_TIMEOUT")
if REDIS_URL:
    # redis-py 8 defaults (100-connection pool, 5 s socket timeout) break channels-redis under load: a large pool,
    # and a socket timeout longer than the core layer's 5 s blocking pop.
    redis_host = {
        "address": REDIS_URL,
        "max_connections": env("REDIS_MAX_CONNECTIONS"),
        "socket_timeout": env("REDIS_SOCKET_TIMEOUT"),
        "socket_connect_timeout": 5,
        "health_check_interval": 30,
    }
    # Pub/sub by default: one PUBLISH per group message, received once per worker and handed to its consumers
    # (bench/ws_load.py: fewer worker and Redis CPU per action and lower latency than the core layer, which
    # pushes a copy to each consumer's list). A consumer that missed a message reads the versions it missed from
    # the database at the next one. CHANNEL_LAYER=core selects the list-based layer (per-channel capacity, expiry).
    CHANNEL_LAYER = env("CHANNEL_LAYER", default="pubsub")
    if CHANNEL_LAYER not in {"pubsub", "core"}:
        raise ImproperlyConfigured(f"CHANNEL_LAYER must be pubsub or core, not {CHANNEL_LAYER!r}")
    if CHANNEL_LAYER == "core":
        CHANNEL_LAYERS: dict[str, dict[str, Any]] = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [redis_host], "capacity": 1500, "expiry": 30},
            }
        }
    else:
        CHANNEL_LAYERS = {
            "default": {"BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer", "CONFIG": {"hosts": [redis_host]}}
        }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Sign-in methods for players: "discord" (always) and optionally "password" (local accounts with signup).
# Discord-only (the default) removes allauth's signup, password and email pages; staff keep /admin/login/.
# With DEBUG on, /accounts/dev-login/ signs in without Discord (scorecard.dev_login).
LOGIN_METHODS = frozenset(env.list("LOGIN_METHODS", default=["discord"]))
if "discord" not in LOGIN_METHODS or LOGIN_METHODS - {"discord", "password"}:
    raise ImproperlyConfigured(f"LOGIN_METHODS must be 'discord' or 'discord,password', got {sorted(LOGIN_METHODS)}")
SOCIALACCOUNT_ONLY = "password" not in LOGIN_METHODS
ACCOUNT_ADAPTER = "scorecard.allauth_adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_USER_DISPLAY = "scorecard.accounts.display_name_for"
SOCIALACCOUNT_ADAPTER = "scorecard.allauth_adapter.SocialAccountAdapter"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, Any]] = {
    "discord": {
        "APPS": [
            {
                "client_id": env("DISCORD_CLIENT_ID"),
                "secret": env("DISCORD_CLIENT_SECRET"),
                "key": "",
            }
        ],
        "SCOPE": ["identify"],
        "VERIFIED_EMAIL": False,
        "OAUTH_PKCE_ENABLED": True,
    }
}

LEAGUE_APIS = {
    "pd": {"base_url": env("PD_API_BASE_URL"), "key": env("PD_API_KEY")},
    # Sources disagree on SBA's path prefix ("", "v3/", "api/v3/"); see shared/league_api/API_SHAPES.md.
    "sba": {"base_url": env("SBA_API_BASE_URL"), "key": env("SBA_API_KEY"), "path_prefix": env("SBA_API_PATH_PREFIX")},
}

# Reverse proxies in front of the app whose X-Forwarded-For is trusted (deploy/nginx.conf: one, which replaces the
# header). The client IP of throttles and socket limits is taken from it (api.client_ip); 0: the peer address.
SCORECARD_TRUSTED_PROXIES = env.int("SCORECARD_TRUSTED_PROXIES", default=0)

# The REST API (api/, */api.py): session auth for the browser, `Authorization: Token <key>` for bots and league
# tools (api.ApiToken, created in the admin). Throttle counts live in API_THROTTLE_CACHE (Redis with REDIS_URL).
# Failed token authentications count per client IP; over API_THROTTLE_TOKEN_FAILURES a request is a 429.
API_THROTTLE_CACHE = env("API_THROTTLE_CACHE", default="default")
API_THROTTLE_TOKEN_FAILURES = env("API_THROTTLE_TOKEN_FAILURES", default="20/min")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonThrottle", "api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="1200/min"),
    },
    "NUM_PROXIES": SCORECARD_TRUSTED_PROXIES,
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Scorecard API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "League data, games, box scores and statistics for PD and SBA league tools and bots.",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "GradeEnum": "players.models.GRADE_CHOICES",
        "HandEnum": "players.models.THROW_HAND_CHOICES",
        "LeagueCodeEnum": "leagues.models.LEAGUE_CODE_CHOICES",
        "HalfEnum": "games.models.HALF_CHOICES",
    },
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# With STATIC_MANIFEST (the Docker image runs collectstatic) whitenoise serves hashed, compressed files;
# otherwise it serves straight from the finders, so a fresh checkout needs no collectstatic.
STATIC_MANIFEST = env("STATIC_MANIFEST")
STATIC_ROOT = BASE_DIR / "staticfiles" if STATIC_MANIFEST else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production hardening; `check --deploy` passes with DEBUG off and real values set.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "api.request_log.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    # Refused requests (4xx) are one line without a traceback (api.request_log); server errors keep theirs.
    "loggers": {"django.request": {"filters": ["one_line_refusals"]}},
}
# structlog lines (request id, user, game where known) as key=value text through the handlers above.
structlog.configure(
    processors=[
        structlog.stdlib.filter_by_level,
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.format_exc_info,
        structlog.processors.KeyValueRenderer(key_order=["timestamp", "level", "event"], drop_missing=True),
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)

# Live games: messages per second and burst allowed per WebSocket; decision windows an absent side may miss
# before the opponent can claim a forfeit; grace added to open deadlines when a sweeper finds nobody connected.
SCORECARD_WS_RATE = (env.float("SCORECARD_WS_RATE", default=20.0), env.int("SCORECARD_WS_BURST", default=40))


# Limits across a user's and an IP's sockets and workers (realtime.limits; Redis with REDIS_URL): (count, seconds)
# of messages, chats and actions, and open sockets, per signed-in user and per client IP (api.client_ip).
def _ws_limit(name: str, default: int) -> int:
    return env.int(f"SCORECARD_WS_{name}", default=default)


# Per user and per IP, across every socket and worker: (count, seconds) windows for messages, actions and chats,
# and the number of open sockets.
_WS_WINDOW = _ws_limit("LIMIT_SECONDS", 10)  # the length of each fixed counting window
SCORECARD_WS_LIMITS: dict[str, dict[str, Any]] = {
    "messages": {
        "user": (_ws_limit("USER_MESSAGES", 400), _WS_WINDOW),
        "ip": (_ws_limit("IP_MESSAGES", 1000), _WS_WINDOW),
    },
    "actions": {"user": (_ws_limit("USER_ACTIONS", 300), _WS_WINDOW), "ip": (_ws_limit("IP_ACTIONS", 600), _WS_WINDOW)},
    "chats": {"user": (_ws_limit("USER_CHATS", 5), _WS_WINDOW), "ip": (_ws_limit("IP_CHATS", 20), _WS_WINDOW)},
    "sockets": {"user": _ws_limit("USER_SOCKETS", 10), "ip": _ws_limit("IP_SOCKETS", 100)},
}
# Admission control (realtime.admission): actions in flight per worker and per game on a worker; over either, an
# action is refused at once with `busy` and a retry hint of BUSY_RETRY_MS plus up to as much again.
SCORECARD_WS_ACTIONS_IN_FLIGHT = env.int("SCORECARD_WS_ACTIONS_IN_FLIGHT", default=16)
SCORECARD_WS_GAME_ACTIONS_IN_FLIGHT = env.int("SCORECARD_WS_GAME_ACTIONS_IN_FLIGHT", default=2)
SCORECARD_WS_BUSY_RETRY_MS = env.int("SCORECARD_WS_BUSY_RETRY_MS", default=500)
# The collector in a worker (realtime.collector): survivors frozen every FREEZE seconds (0: Python's defaults), one
# full collection every SWEEP seconds.
SCORECARD_GC_FREEZE_SECONDS = env.float("SCORECARD_GC_FREEZE_SECONDS", default=20.0)
SCORECARD_GC_SWEEP_SECONDS = env.float("SCORECARD_GC_SWEEP_SECONDS", default=3600.0)
SCORECARD_ABANDON_WINDOWS = env.int("SCORECARD_ABANDON_WINDOWS", default=5)
SCORECARD_RESTART_GRACE_SECONDS = env.int("SCORECARD_RESTART_GRACE_SECONDS", default=120)
# Workers refresh their connections' presence rows this often; rows three beats old belong to a dead worker.
SCORECARD_PRESENCE_HEARTBEAT_SECONDS = env.int("SCORECARD_PRESENCE_HEARTBEAT_SECONDS", default=20)
# Every worker process sweeps expired decision windows itself (idempotent across workers), so `scripts/run` needs
# nothing beside daphne; `manage.py sweep_games --loop` does the same from its own process.
SCORECARD_WORKER_SWEEP = env.bool("SCORECARD_WORKER_SWEEP", default=True)
SCORECARD_SWEEP_INTERVAL_SECONDS = env.float("SCORECARD_SWEEP_INTERVAL_SECONDS", default=1.0)
# The side to act is warned this long before its window runs out (a third of the window when that is shorter).
SCORECARD_DECISION_WARNING_SECONDS = env.int("SCORECARD_DECISION_WARNING_SECONDS", default=15)
# The lobby's "Live now" leaves out games nobody moved for this long (they stay in their managers' "My games").
SCORECARD_LIVE_IDLE_MINUTES = env.int("SCORECARD_LIVE_IDLE_MINUTES", default=30)

# Outbox: results go to the league's endpoint (LEAGUE_RESULTS_URLS="pd=https://...,sba=https://...", authorised with
# the league's API key above); notifications to teams' Discord webhooks. Failed POSTs back off exponentially (with
# jitter) from OUTBOX_BACKOFF_SECONDS up to OUTBOX_BACKOFF_MAX_SECONDS; after OUTBOX_MAX_ATTEMPTS a message is dead.
LEAGUE_RESULTS_URLS = env.dict("LEAGUE_RESULTS_URLS", default={})
SCORECARD_BASE_URL = env("SCORECARD_BASE_URL", default="http://127.0.0.1:8000")
OUTBOX_TIMEOUT_SECONDS = env.float("OUTBOX_TIMEOUT_SECONDS", default=10.0)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_BACKOFF_SECONDS = env.float("OUTBOX_BACKOFF_SECONDS", default=30.0)
OUTBOX_BACKOFF_MAX_SECONDS = env.float("OUTBOX_BACKOFF_MAX_SECONDS", default=3600.0)
