from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tsunagu.core import backups


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and the benchmark's floor."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        reason = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        return JsonResponse({"status": "error", "database": "unavailable", "reason": reason}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Partner staff start in their portal (the only screen they use); everyone else here."""
    user = request.user
    if user.has_perm("programs.use_partner_portal") and not user.has_perm("cases.open_case"):
        return redirect("programs:partner_home")
    context = {"roles": user.role_labels}
    if user.has_perm("core.view_backup_status"):
        run = backups.last_backup()
        context |= {"last_backup": run, "backup_overdue": backups.is_overdue(run)}
    return render(request, "core/home.html", context)
