from django.urls import path

from tsunagu.work import views_daysheet

# Hub staff's day sheets, and the partner portal's beside its roll-call.
urlpatterns = [
    path("day-sheets/", views_daysheet.day_sheet_index, name="day_sheet_index"),
    path("day-sheets/<int:host_id>/", views_daysheet.day_sheet, name="day_sheet"),
    path("partner/day-sheets/", views_daysheet.partner_day_sheet_index, name="partner_day_sheet_index"),
    path("partner/day-sheets/<int:host_id>/", views_daysheet.partner_day_sheet, name="partner_day_sheet"),
]
