"""Inviting, deactivating and reactivating people; every function checks ``rules`` itself."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from teams import rules


class InvitationError(Exception):
    """A refusal to show next to the form field it concerns."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def set_password_url(user):
    """An absolute link to Wagtail's set-password page (one use: the token dies with it)."""
    path = reverse("wagtailadmin_password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def invite(actor, email, first_name, last_name, group):
    """Create the account of a new team member in ``group`` and e-mail them a set-password link.

    The account has no usable password until they choose one from the link.
    """
    if group.name not in rules.managed_group_names(actor):
        raise PermissionDenied
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(email__iexact=email).exists() or User.objects.filter(
        username__iexact=email
    ).exists():
        raise InvitationError(
            "email", _("Someone with this e-mail address already has an account. Reactivate it "
                       "from the list, or ask Europeana to give it this role."))
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    user.groups.add(group)
    context = {
        "user": user, "actor": actor, "role": group.name, "url": set_password_url(user),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    transaction.on_commit(lambda: send_mail(
        render_to_string("teams/invitation_subject.txt", context).strip(),
        render_to_string("teams/invitation.txt", context),
        None, [user.email],
    ))
    return user


def set_active(actor, person, active):
    """Deactivate (``active=False``) or reactivate a team member the actor manages."""
    if not rules.can_manage(actor, person):
        raise PermissionDenied
    person.is_active = active
    person.save(update_fields=["is_active"])
    return person
