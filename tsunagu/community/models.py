"""The community (地域づくり): local issues (課題) and resources (資源) that the area sub-committees (部会)
collect, the cafeterias' sessions, people who take a supporter role, and the community projects (音別ふき蕗団)
whose partners each take a role so that many kinds of people can work.

Issues and sessions hold counts of people, never names: the people referred to a cafeteria are the
network's referrals to the resource's service, and a project's participants are placements with its host
(programs), so that they count in a person's stage.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tsunagu.core.models import ConfiguredList

# ---------------------------------------------------------------- the configurable lists


class Theme(ConfiguredList):
    """A theme of local issues (労働, 教育・学校, 疾病, 孤立 …): rows, so the hub can add its own."""

    class Meta(ConfiguredList.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class ResourceKind(ConfiguredList):
    """A kind of local resource (食堂, 居場所, 就労の場, 学習の場 …). A kind that `holds_sessions` (a
    cafeteria) records its sessions' meals and counts."""

    holds_sessions = models.BooleanField(_("records sessions (meals, volunteers)"), default=False)

    class Meta(ConfiguredList.Meta):
        verbose_name = _("kind of resource")
        verbose_name_plural = _("kinds of resource")


class BodyArea(models.Model):
    """The area (地区) an area sub-committee covers: its page shows that area's figures."""

    body = models.OneToOneField("network.Body", on_delete=models.CASCADE, related_name="community_area")
    area = models.ForeignKey(
        "organisations.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("area of a sub-committee")
        verbose_name_plural = _("areas of sub-committees")

    def __str__(self) -> str:
        return f"{self.body} {self.area}"


# ---------------------------------------------------------------- issues and resources


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched to a resource")
    RESOLVED = "resolved", _("Resolved")
    DROPPED = "dropped", _("No longer followed")


class Issue(models.Model):
    """A local issue (課題) raised in an area: how many people it touches is a count, never names."""

    area = models.ForeignKey(
        "organisations.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="issues")
    title = models.CharField(_("issue"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    raised_on = models.DateField(_("raised on"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("raised by"), on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "network.Meeting", verbose_name=_("meeting"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    body = models.ForeignKey(
        "network.Body", verbose_name=_("sub-committee"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    people_touched = models.PositiveIntegerField(_("people it touches (count)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)  # core/editing.py

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("local issue")
        verbose_name_plural = _("local issues")
        indexes = [models.Index(fields=["area", "status", "-raised_on"], name="issue_area_status_idx")]

    def __str__(self) -> str:
        return self.title


class Resource(models.Model):
    """A local resource (資源): a cafeteria, a place to be, a place to work or learn. People are referred
    to it through the network's referrals to its `service` in the directory."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.ForeignKey(
        ResourceKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="resources"
    )
    area = models.ForeignKey(
        "organisations.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("run by"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        "organisations.Service", verbose_name=_("service in the directory"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes it answers"), blank=True, related_name="resources"
    )
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    started_on = models.DateField(_("open since"))
    ended_on = models.DateField(_("closed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area__sort_order", "name"]
        verbose_name = _("local resource")
        verbose_name_plural = _("local resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="resource_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class IssueMatch(models.Model):
    """A resource that answers an issue, confirmed by a person (the suggestions only propose)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="matches")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="matches")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_on = models.DateField(_("matched on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["confirmed_on", "id"]
        verbose_name = _("match of an issue")
        verbose_name_plural = _("matches of issues")
        constraints = [models.UniqueConstraint(fields=["issue", "resource"], name="issue_match_once")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.resource}"


# ---------------------------------------------------------------- cafeterias


class ResourceSession(models.Model):
    """One day a cafeteria opened: meals served and who came, as counts."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"))
    meals = models.PositiveIntegerField(_("meals served"))
    volunteers = models.PositiveIntegerField(_("volunteers"))
    children = models.PositiveIntegerField(_("children"))
    adults = models.PositiveIntegerField(_("adults"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1, editable=False)  # corrected: core/editing.py

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("session of a resource")
        verbose_name_plural = _("sessions of resources")
        constraints = [
            models.UniqueConstraint(fields=["resource", "held_on"], name="resource_session_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.held_on.isoformat()}"


# ---------------------------------------------------------------- supporters


class SupporterKind(models.TextChoices):
    CAFETERIA_VOLUNTEER = "volunteer", _("Volunteer at a community resource")
    PEER_SUPPORTER = "peer", _("Peer supporter")
    MENTOR = "mentor", _("Mentor at a program")


class SupporterRole(models.Model):
    """A person who supports others (支える人), from a date: 支えられていた人が支える人に回る."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="supporter_roles")
    kind = models.CharField(_("role"), max_length=10, choices=SupporterKind.choices)
    resource = models.ForeignKey(
        Resource, verbose_name=_("at the resource"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="supporters",
    )  # fmt: skip
    host = models.ForeignKey(
        "programs.ProgramHost", verbose_name=_("at the program"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    started_on = models.DateField(_("role from"))
    ended_on = models.DateField(_("role until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Edited and ended by the staff who may work on the person, perhaps two at once (core/editing.py).
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("supporter role")
        verbose_name_plural = _("supporter roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="supporter_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


# ---------------------------------------------------------------- community projects


class PartnerRole(models.TextChoices):
    PRODUCTION = "production", _("Production (生産)")
    PROCESSING = "processing", _("Processing (加工)")
    COORDINATION = "coordination", _("Co-ordination (コーディネート)")
    MANAGEMENT = "management", _("Management support (経営支援)")
    SALES = "sales", _("Sales promotion (販促)")
    LABOUR = "labour", _("Labour (労働力)")
    FUNDING = "funding", _("Funding (資金)")
    DESIGN = "design", _("Design (デザイン)")


class FlowKind(models.TextChoices):
    GOODS = "goods", _("Goods")
    MONEY = "money", _("Money")
    PEOPLE = "people", _("People")
    KNOW_HOW = "know_how", _("Know-how")


class Project(models.Model):
    """A community project that creates a resource (音別ふき蕗団): partners, flows, work days, output.
    Its participants are the placements with its program host."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    area = models.ForeignKey(
        "organisations.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource it creates"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )  # fmt: skip
    host = models.ForeignKey(
        "programs.ProgramHost", verbose_name=_("program host of its participants"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    output_label = models.CharField(_("what it produces"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("started on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community project")
        verbose_name_plural = _("community projects")

    def __str__(self) -> str:
        return self.name


class ProjectPartner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=14, choices=PartnerRole.choices)
    note = models.CharField(_("what it does"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="project_partner_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ProjectFlow(models.Model):
    """What passes from one partner to another: goods, money, people or know-how."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="flows")
    source = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("from organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("to organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FlowKind.choices)
    label = models.CharField(_("what"), max_length=60)

    class Meta:
        ordering = ["id"]
        verbose_name = _("flow between partners")
        verbose_name_plural = _("flows between partners")
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="project_flow_to_another")
        ]

    def __str__(self) -> str:
        return self.label


class WorkDay(models.Model):
    """A day of the project's work: how many worked, for how long, and what it produced (kg of 蕗)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_days")
    worked_on = models.DateField(_("date"))
    workers = models.PositiveIntegerField(_("people working"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    output_kg = models.DecimalField(_("output (kg)"), max_digits=7, decimal_places=1, default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-worked_on", "-id"]
        verbose_name = _("work day")
        verbose_name_plural = _("work days")
        constraints = [models.UniqueConstraint(fields=["project", "worked_on"], name="project_work_day_once")]

    def __str__(self) -> str:
        return f"{self.project} {self.worked_on.isoformat()}"
