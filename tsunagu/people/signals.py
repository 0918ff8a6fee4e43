"""What people's services tell the layers above them, which people may not import.

Sent only once the transaction that made the change has committed (never from a model signal, which fires
before the commit and misses `.update()`): a listener that re-reads the database then sees the change.
"""

from django.dispatch import Signal

# A person moved on the ladder (a change of stage), or a merge moved stage changes and placements from one
# record to another. No arguments beyond `sender`. The overview (programs) counts from these rows.
ladder_changed = Signal()
