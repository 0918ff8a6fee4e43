from django.http import HttpRequest

from tsunagu.core.navigation import navigation_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    # Between password and second factor (set by the accounts app's middleware) nothing is offered yet.
    if user is None or not user.is_authenticated or getattr(request, "second_factor_pending", False):
        return {"nav_groups": []}
    return {"nav_groups": navigation_for(user, request.path)}
