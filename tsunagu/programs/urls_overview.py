urlpatterns: list = []  # filled in by the overview work
