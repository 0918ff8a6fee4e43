urlpatterns: list = []  # filled in by the sessions work
