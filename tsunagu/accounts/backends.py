from django.contrib.auth.backends import ModelBackend, UserModel


class PasswordBackend(ModelBackend):
    """Checks user name and password. Permissions come from `rules` predicates only, so the model
    permission tables (two queries per request) are never read; the user comes with their
    organisation and office, which every page shows."""

    def get_user(self, user_id):
        user = UserModel._default_manager.select_related("organisation", "office").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False
