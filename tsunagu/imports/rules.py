"""Who may import: the office's supervisors and administrators. The import itself writes through the
cases and people services, which ask their own permissions of the same user (an administrator who holds no
casework role prepares the preview; a supervisor imports)."""

import rules

from tsunagu.accounts.rules import is_administrator, is_supervisor

IMPORT_RECORDS = "imports.import_records"

rules.add_perm(IMPORT_RECORDS, is_supervisor | is_administrator)
