"""The 3D model library: one row per uploaded model, its master file and its derivatives."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import CollectionMember
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from campaign.choices import RIGHTS

from .processing import formats


class ThreeDModelQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class ThreeDModel(CollectionMember, index.Indexed, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("master file"), upload_to="models3d/originals/%Y/%m/", max_length=500,
        help_text=_("The file as uploaded; offered for download."),
    )
    original_filename = models.CharField(max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=8, choices=formats.CHOICES, blank=True)
    file_size = models.BigIntegerField(_("file size (bytes)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    failure_reason = models.TextField(_("failure reason"), blank=True)
    # Crash recovery (models3d.recovery): how often processing started, and the last sign of life
    # of the worker processing it; a silent worker is presumed dead and the model is retried.
    attempts = models.PositiveSmallIntegerField(_("processing attempts"), default=0, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    vertex_count = models.BigIntegerField(_("vertices"), null=True, blank=True)
    triangle_count = models.BigIntegerField(_("triangles"), null=True, blank=True)
    point_count = models.BigIntegerField(_("points"), null=True, blank=True)
    mesh_count = models.IntegerField(_("meshes"), null=True, blank=True)
    material_count = models.IntegerField(_("materials"), null=True, blank=True)
    width = models.FloatField(_("width (x)"), null=True, blank=True)
    height = models.FloatField(_("height (y)"), null=True, blank=True)
    depth = models.FloatField(_("depth (z)"), null=True, blank=True)
    # Everything else the analysis found: textures, glTF extensions, generator, bounding box.
    analysis = models.JSONField(_("analysis details"), default=dict, blank=True)

    master_sha256 = models.CharField(
        _("master SHA-256"), max_length=64, blank=True, editable=False,
        help_text=_("Checksum of the master file as uploaded; derivatives never change it."),
    )
    # Viewer files by role (see models3d/processing/derivative.py), all made from the master.
    web_file = models.FileField(
        _("web GLB"), upload_to="models3d/web/%Y/%m/", max_length=500, blank=True
    )
    mobile_file = models.FileField(
        _("mobile GLB"), upload_to="models3d/mobile/%Y/%m/", max_length=500, blank=True
    )
    ar_file = models.FileField(
        _("AR GLB"), upload_to="models3d/ar/%Y/%m/", max_length=500, blank=True
    )
    # Per role: bytes, triangle_count, max_texture_size, as measured when it was made.
    derivative_info = models.JSONField(_("derivative details"), default=dict, blank=True)
    thumbnail = models.FileField(
        _("poster image"), upload_to="models3d/posters/%Y/%m/", max_length=500, blank=True
    )

    rights_uri = models.CharField(
        _("rights statement"), max_length=255, choices=RIGHTS, blank=True,
        help_text=_("Licence or rights statement of this model, as Europeana accepts it."),
    )
    credit_line = models.CharField(
        _("credit line"), max_length=500, blank=True,
        help_text=_("Who to credit when the model is shown or reused."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("uploaded by"), editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ThreeDModelQuerySet.as_manager()

    search_fields = CollectionMember.search_fields + [
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("credit_line"),
        index.SearchField("original_filename"),
        index.FilterField("format"),
        index.FilterField("status"),
        index.FilterField("uploaded_by"),
        index.FilterField("created_at"),
    ]

    class Meta:
        verbose_name = _("3D model")
        verbose_name_plural = _("3D models")
        ordering = ["-created_at", "-pk"]
        permissions = [("choose_threedmodel", "Can choose 3D model")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def textures(self) -> list[dict]:
        return self.analysis.get("textures", [])

    @property
    def dimensions(self) -> tuple[float, float, float] | None:
        if self.width is None:
            return None
        return (self.width, self.height, self.depth)

    ROLES = ("web", "mobile", "ar")

    def derivative_file(self, role: str):
        return getattr(self, f"{role}_file")

    @property
    def derivatives(self) -> list[dict]:
        """``[{role, file, bytes, triangle_count, max_texture_size}]`` with ``file`` relative to
        MEDIA_ROOT: the shape ``import_model --json`` prints and the API extends with URLs."""
        out = []
        for role in self.ROLES:
            field = self.derivative_file(role)
            if not field:
                continue
            info = self.derivative_info.get(role, {})
            out.append({"role": role, "file": field.name, "bytes": info.get("bytes"),
                        "triangle_count": info.get("triangle_count"),
                        "max_texture_size": info.get("max_texture_size")})
        return out

    @property
    def rights_label(self) -> str:
        return dict(RIGHTS).get(self.rights_uri, "")

    def apply_analysis(self, analysis: dict) -> None:
        """Copy an :class:`~models3d.processing.analyse.Analysis` dict onto the model."""
        self.format = analysis["format"]
        self.file_size = analysis["file_size"]
        self.vertex_count = analysis["vertex_count"]
        self.triangle_count = analysis["triangle_count"]
        self.point_count = analysis["point_count"]
        self.mesh_count = analysis["mesh_count"]
        self.material_count = analysis["material_count"]
        self.width, self.height, self.depth = analysis["dimensions"]
        self.analysis = analysis
