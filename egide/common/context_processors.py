from __future__ import annotations


def egide(request):
    user = getattr(request, "user", None)
    membership = user.membership if user is not None and user.is_authenticated else None
    return {"membership": membership, "current_organisation": membership.organisation if membership else None}
