"""Admin forms for 3D models; collection choices follow the user's collection permissions."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.collections import BaseCollectionMemberForm
from wagtail.models import Collection

from campaign.choices import RIGHTS

from .models import ThreeDModel
from .permissions import permission_policy
from .processing.errors import ACCEPTED_FORMATS
from .processing.formats import UPLOAD_EXTENSIONS
from .processing.limits import human_size


class ThreeDModelForm(BaseCollectionMemberForm):
    permission_policy = permission_policy

    class Meta:
        model = ThreeDModel
        fields = ["title", "description", "collection", "rights_uri", "credit_line"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class UploadForm(forms.Form):
    """Metadata sent with an upload; the file itself comes as a multipart field (small files,
    no JavaScript) or as chunks assembled on the server (see ``views.chunk``)."""

    # Empty files pass the form so the pipeline's wording explains the refusal.
    file = forms.FileField(required=False, allow_empty_file=True, label=_("3D model file"))
    title = forms.CharField(max_length=255, required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    collection = forms.ModelChoiceField(queryset=Collection.objects.none(), required=False)
    rights_uri = forms.ChoiceField(choices=[("", "—")] + list(RIGHTS), required=False,
                                   label=_("Rights statement"))
    credit_line = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.collections = permission_policy.collections_user_has_permission_for(user, "add")
        self.fields["collection"].queryset = self.collections
        self.fields["collection"].required = True
        if len(self.collections) == 1:
            self.fields["collection"].initial = self.collections[0].pk
        self.fields["file"].widget.attrs["accept"] = ",".join(UPLOAD_EXTENSIONS)
        self.fields["file"].help_text = _("%(accepted)s Maximum %(size)s.") % {
            "accepted": ACCEPTED_FORMATS, "size": human_size(settings.THREED_MAX_UPLOAD_BYTES)}
