"""Who may read the national statistics (counts only, never a person) and keep their reference tables."""

import rules

from tsunagu.accounts.rules import is_administrator, is_statistician, is_supervisor

# The statistician reports them; a supervisor checks them before they leave; an administrator helps.
rules.add_perm("statistics.view_statistics", is_statistician | is_supervisor | is_administrator)
# The population table and the 目安値.
rules.add_perm("statistics.manage_reference", is_statistician | is_administrator)
