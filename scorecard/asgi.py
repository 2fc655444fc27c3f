"""ASGI entry point: HTTP through Django, WebSockets through the realtime app's routes; each worker process also
sweeps expired decision windows (realtime.timers)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from realtime.collector import freeze_loaded  # noqa: E402
from realtime.routing import websocket_urlpatterns  # noqa: E402
from realtime.timers import WithTimers  # noqa: E402

# WithTimers starts the worker's decision-window sweep with its first connection (realtime.timers).
application = WithTimers(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            # the stubs' URLRouter takes their own pattern type, which django.urls.path never returns
            "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),  # type: ignore[arg-type]
        }
    )
)

# Everything loaded so far lives as long as the process: out of the collector's passes (realtime.collector).
freeze_loaded()
