"""Country teams over HTTP: who may invite, deactivate and reactivate whom; every crafted
request outside one's remit is refused and changes nothing."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from campaign import roles

pytestmark = pytest.mark.django_db
User = get_user_model()


def invite(client, email, group_name, **extra):
    data = {"email": email, "first_name": "Eeva", "last_name": "Tamm",
            "group": Group.objects.get(name=group_name).pk, **extra}
    return client.post(reverse("teams:index"), data)


def test_coordinator_invites_a_contributor_of_own_country(
    users, login, django_capture_on_commit_callbacks
):
    client = login(users.ee_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, "eeva@museum.ee", roles.contributors("EE"))
    assert response.status_code == 302
    person = User.objects.get(email="eeva@museum.ee")
    assert person.is_active and not person.has_usable_password()
    assert list(person.groups.values_list("name", flat=True)) == [roles.contributors("EE")]
    assert not person.user_permissions.exists()
    (message,) = mail.outbox
    assert message.to == ["eeva@museum.ee"]
    link = re.search(r"https?://\S+/password_reset/confirm/\S+", message.body).group(0)
    # The link sets a password; then the invitee logs in.
    path = "/" + link.split("/", 3)[3]
    client.logout()
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(form.redirect_chain[-1][0] if form.redirect_chain else path,
                           {"new_password1": "a-long-Passphrase-42", "new_password2":
                            "a-long-Passphrase-42"})
    assert response.status_code == 302
    assert client.login(username="eeva@museum.ee", password="a-long-Passphrase-42")


def test_invitations_outside_ones_remit_are_refused(users, login):
    cases = [
        (users.ee_coordinator, roles.contributors("LV")),  # another country
        (users.ee_coordinator, roles.coordinators("EE")),  # a peer, not a contributor
        (users.ee_coordinator, roles.EUROPEANA_EDITORS),
        (users.ee_contributor, roles.contributors("EE")),  # contributors manage nobody
        (users.translator, roles.translators("fr")),
        (users.editor, roles.EUROPEANA_EDITORS),  # editors manage coordinators and translators
        (users.editor, roles.contributors("EE")),
    ]
    for actor, group_name in cases:
        response = invite(login(actor), "intruder@example.org", group_name)
        assert response.status_code in (302, 400, 403), (actor, group_name)
        assert not User.objects.filter(email="intruder@example.org").exists(), (actor, group_name)
    assert mail.outbox == []


def test_editor_invites_coordinators_and_translators(users, login):
    client = login(users.editor)
    assert invite(client, "koordinaator@kul.ee", roles.coordinators("EE")).status_code == 302
    assert invite(client, "traductrice@example.fr", roles.translators("fr")).status_code == 302
    assert User.objects.get(email="traductrice@example.fr").groups.get().name == "Translators fr"


def test_an_existing_address_is_refused_with_a_clear_error(users, login):
    client = login(users.ee_coordinator)
    response = invite(client, users.lv_contributor.email, roles.contributors("EE"))
    assert response.status_code == 400
    assert "already has an account" in response.content.decode()
    assert not users.lv_contributor.groups.filter(name=roles.contributors("EE")).exists()


def test_deactivate_and_reactivate_own_countrys_contributors_only(users, login):
    client = login(users.ee_coordinator)
    url = reverse("teams:deactivate", args=[users.ee_contributor.pk])
    assert client.post(url).status_code == 302
    users.ee_contributor.refresh_from_db()
    assert not users.ee_contributor.is_active
    assert not client.login(username="ee-contributor", password="pw")  # noqa: S106
    client = login(users.ee_coordinator)
    client.post(reverse("teams:reactivate", args=[users.ee_contributor.pk]))
    users.ee_contributor.refresh_from_db()
    assert users.ee_contributor.is_active

    # Another country's contributor, a peer coordinator, an editor, oneself: refused.
    for target in (users.lv_contributor, users.lv_coordinator, users.editor, users.ee_coordinator):
        response = client.post(reverse("teams:deactivate", args=[target.pk]))
        assert response.status_code in (302, 403)
        target.refresh_from_db()
        assert target.is_active, target
    # A contributor who also coordinates another country is not this coordinator's to lock out.
    users.ee_contributor.groups.add(Group.objects.get(name=roles.coordinators("LV")))
    client.post(reverse("teams:deactivate", args=[users.ee_contributor.pk]))
    users.ee_contributor.refresh_from_db()
    assert users.ee_contributor.is_active
    # Contributors and translators manage nobody; GET never changes anything.
    for actor in (users.ee_contributor2, users.translator):
        client = login(actor)
        assert client.get(reverse("teams:index")).status_code in (302, 403)
        client.post(reverse("teams:deactivate", args=[users.ee_contributor.pk]))
    client = login(users.ee_coordinator)
    assert client.get(reverse("teams:deactivate", args=[users.ee_contributor.pk])).status_code \
        == 405
    users.ee_contributor.refresh_from_db()
    assert users.ee_contributor.is_active


def test_team_page_lists_only_managed_people(users, login):
    response = login(users.ee_coordinator).get(reverse("teams:index"))
    listed = {row["person"].username for row in response.context["rows"]}
    assert {"ee-contributor", "ee-contributor-2"} <= listed
    assert not listed & {"lv-contributor", "lv-coordinator", "europeana-editor", "translator-fr"}
    response = login(users.editor).get(reverse("teams:index"))
    listed = {row["person"].username for row in response.context["rows"]}
    assert {"ee-coordinator", "lv-coordinator", "translator-fr"} <= listed
    assert "ee-contributor" not in listed
