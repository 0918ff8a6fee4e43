urlpatterns: list = []  # filled in by the catalog work
