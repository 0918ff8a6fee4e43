"""Pay: a host's months, closing them, adjustments, statements and the earned income (in "work", /work/pay/)."""

from django.urls import path

from tsunagu.work import views_pay as views

urlpatterns = [
    path("", views.pay_index, name="pay_index"),
    path("hosts/<int:host_id>/", views.host_pay, name="pay_host"),
    path("hosts/<int:host_id>/close/", views.close_month, name="pay_close"),
    path("hosts/<int:host_id>/adjustments/", views.adjustment_add, name="pay_adjustment_add"),
    path("statements/<int:statement_id>/pdf/", views.statement_pdf, name="pay_statement_pdf"),
    path("income/", views.earned_income, name="earned_income"),
]
