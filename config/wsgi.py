import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

if settings.EGIDE_WARM_ENGINES:
    from egide.common.warmup import warm_in_background

    warm_in_background()
