"""The chapters of people's stories beyond their cases, told in this order. A new capability adds its own
chapter (a module like placements.py: its teller and its two writers) and lists it here; see
docs/architecture.md (Sample data)."""

from tsunagu.sampledata.outcomes import CHAPTER as OUTCOMES
from tsunagu.sampledata.placements import CHAPTER as PLACEMENTS
from tsunagu.sampledata.stories import Chapter
from tsunagu.sampledata.work import CHAPTER as WORK

CHAPTERS: tuple[Chapter, ...] = (PLACEMENTS, WORK, OUTCOMES)  # work after placements: it builds on them
