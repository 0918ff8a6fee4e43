from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tsunagu.audit import selectors
from tsunagu.audit.forms import EventFilterForm
from tsunagu.audit.records import label_records
from tsunagu.core.http import require_perm


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "audit.view_events")
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.list_events(**filters)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    label_records(page.object_list)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    querystring.pop("verify", None)
    # Walking the whole chain reads every event: only when asked (a few seconds per million events).
    chain = selectors.verify_chain() if request.GET.get("verify") == "1" else None
    context = {"form": form, "page": page, "querystring": querystring.urlencode(), "chain": chain}
    return render(request, "audit/event_list.html", context, status=400 if form.errors else 200)
