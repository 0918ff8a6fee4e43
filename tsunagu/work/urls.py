"""Work and pay. Each area adds its own urls_<area>.py here."""

app_name = "work"

urlpatterns: list = []
