from django.contrib.auth import views as auth_views
from django.urls import path

from tsunagu.accounts import views, views_twofactor

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views_twofactor.verify, name="two_factor"),
    path("two-factor/enrol/", views_twofactor.enrol, name="two_factor_enrol"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:user_id>/", views.user_edit, name="user_edit"),
    path("users/<int:user_id>/password/", views.user_set_password, name="user_set_password"),
    path("users/<int:user_id>/unlock/", views.user_unlock, name="user_unlock"),
    path("users/<int:user_id>/two-factor/reset/", views_twofactor.reset, name="user_two_factor_reset"),
    path("users/unlock-address/", views.address_unlock, name="address_unlock"),
]
