"""What the organisation directory tells the layers above it, which organisations may not import.

Sent only once the transaction that made the change has committed: a listener that re-reads the database
then sees the change.
"""

from django.dispatch import Signal

# An organisation's name changed; argument `organisation_id`. The overview (programs) shows hosts by name.
organisation_renamed = Signal()
