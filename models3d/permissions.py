"""Collection-based permissions for 3D models, the same model as Wagtail images and documents."""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from .models import ThreeDModel

permission_policy = CollectionOwnershipPermissionPolicy(
    ThreeDModel, auth_model=ThreeDModel, owner_field_name="uploaded_by"
)
