"""Give Wagtail's default Editors and Moderators groups 3D model permissions on the root
collection, as Wagtail does for images and documents. Project roles add their own."""

from django.db import migrations

PERMISSIONS = {
    "add_threedmodel": "Can add 3D model",
    "change_threedmodel": "Can change 3D model",
    "delete_threedmodel": "Can delete 3D model",
    "choose_threedmodel": "Can choose 3D model",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="models3d",
                                                        model="threedmodel")
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name})
        for group in Group.objects.filter(name__in=("Editors", "Moderators")):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("models3d", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
