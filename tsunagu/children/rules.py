"""Who may do what with children's records. Which children a user sees is children/scope.py's."""

import rules

from tsunagu.accounts.rules import is_administrator, is_casework_staff
from tsunagu.children import scope


@rules.predicate
def sees_child(user, child) -> bool:
    return child is not None and scope.visible_children(user).filter(pk=child.pk).exists()


@rules.predicate
def supports_children(user) -> bool:
    return scope.is_children_support(user)


@rules.predicate
def works_for_guardian(user, guardian) -> bool:
    """The user is assigned to one of the guardian's open cases, or is children's-support staff."""
    if guardian is None:
        return False
    return scope.is_children_support(user) or scope.guardian_cases(user).filter(person=guardian).exists()


# The children's pages: hub casework staff (each list holds only the children the user may see).
rules.add_perm("children.view_children", is_casework_staff)
rules.add_perm("children.add_child", is_casework_staff & works_for_guardian)
rules.add_perm("children.work_on_child", is_casework_staff & sees_child)

# High-school entrance support: the pages are casework staff's (each list holds only the pupils the user
# may see); a pupil's records are written by those who may work on the child; the national reference
# figures are the administrator's.
rules.add_perm("children.edit_reference", is_administrator)
# まじくる: a class's tutors are kept by children's-support staff.
rules.add_perm("children.manage_classes", is_casework_staff & supports_children)
