urlpatterns: list = []  # filled in by the partner work
