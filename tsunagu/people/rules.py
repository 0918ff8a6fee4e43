"""Who may change a person's record. Object checks take a Person; which people a user sees is the person
scope's (people/scope.py, provided by cases)."""

import rules

from tsunagu.accounts.rules import is_casework_staff, is_supervisor
from tsunagu.people.scope import person_scope


@rules.predicate
def person_in_scope(user, person) -> bool:
    return person is not None and person_scope().visible_people(user).filter(pk=person.pk).exists()


# The pages ask the role (the person was found through the scope already, else 404); the services ask
# about the person itself, so that no caller skips the scope.
rules.add_perm("people.edit_people", is_casework_staff)
rules.add_perm("people.work_on_person", is_casework_staff & person_in_scope)
rules.add_perm("people.merge_people", is_supervisor)
rules.add_perm("people.merge_person", is_supervisor & person_in_scope)
