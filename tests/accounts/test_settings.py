import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from egide.accounts import services
from egide.accounts.models import Membership, Role, Site, Team, User
from egide.audit.models import AccessEvent
from tests.factories import member
from tests.people.factories import make_world

pytestmark = pytest.mark.django_db

ROLES = ["worker", "stranger", "reception", "manager", "admin", "dpo", "foreign"]
STRONG = "Correct-Cheval-Pile-2026"


@pytest.fixture
def world():
    return make_world()


@pytest.mark.parametrize("role, expected", zip(ROLES, [403, 403, 403, 200, 200, 403, 200], strict=True))
def test_settings_page_by_role(client, world, role, expected):
    client.force_login(getattr(world, role))
    assert client.get(reverse("accounts:settings")).status_code == expected


def test_settings_page_shows_only_my_structure(client, world):
    client.force_login(world.foreign)
    body = client.get(reverse("accounts:settings")).content.decode()
    assert "Association Le Relais" in body and "Équipe Nord" not in body and "Claire Moreau" not in body


def test_admin_updates_the_structure_and_retention(client, world):
    client.force_login(world.admin)
    url = reverse("accounts:settings_structure")
    data = {"name": "CCAS de Montauban", "kind": "ccas", "address": "1 place Foch", "retention_months": "3"}
    body = client.post(url, data).content.decode()
    assert "au moins 6 mois" in body and 'value="1 place Foch"' in body
    assert client.post(url, dict(data, retention_months="36")).status_code == 302
    world.org.refresh_from_db()
    assert world.org.retention_months == 36 and world.org.address == "1 place Foch"
    assert AccessEvent.objects.filter(object_type="organisation", action=AccessEvent.Action.UPDATE).exists()


def test_sites_and_teams(client, world):
    client.force_login(world.manager)
    assert client.post(reverse("accounts:settings_site_add"), {"site-name": "Antenne Est"}).status_code == 302
    site = Site.objects.get(organisation=world.org, name="Antenne Est")
    response = client.post(
        reverse("accounts:settings_team_add"), {"team-name": "Équipe Est", "team-site": site.pk}
    )
    assert response.status_code == 302
    assert Team.objects.get(organisation=world.org, name="Équipe Est").site == site
    body = client.post(reverse("accounts:settings_team_add"), {"team-name": "équipe nord"}).content.decode()
    assert "Une équipe porte déjà ce nom" in body


def test_team_cannot_be_put_on_another_structures_site(world):
    foreign_site = Site.objects.create(organisation=world.other_org, name="Ailleurs")
    with pytest.raises(PermissionDenied):
        services.team_create(actor=world.admin, name="Équipe X", site=foreign_site)


def test_create_member_with_role_and_team(client, world):
    client.force_login(world.admin)
    data = {
        "member-username": "a.dupuis",
        "member-first_name": "Anne",
        "member-last_name": "Dupuis",
        "member-email": "anne.dupuis@ccas.fr",
        "member-role": Role.WORKER,
        "member-team": world.team_b.pk,
        "member-password": STRONG,
    }
    assert client.post(reverse("accounts:settings_member_add"), data).status_code == 302
    account = User.objects.get(username="a.dupuis")
    assert account.check_password(STRONG)
    assert account.membership.role == Role.WORKER and account.membership.team == world.team_b
    assert account.membership.organisation == world.org


def test_member_form_errors_are_french_and_keep_input(client, world):
    client.force_login(world.admin)
    data = {
        "member-username": world.worker.username,
        "member-first_name": "Anne",
        "member-last_name": "Dupuis",
        "member-email": "anne",
        "member-role": Role.WORKER,
        "member-password": STRONG,
    }
    body = client.post(reverse("accounts:settings_member_add"), data).content.decode()
    assert "adresse e-mail valide" in body and 'value="Dupuis"' in body
    data["member-email"] = "anne@ccas.fr"
    body = client.post(reverse("accounts:settings_member_add"), data).content.decode()
    assert "Cet identifiant est déjà utilisé" in body
    data.update({"member-username": "anne.d", "member-password": "court"})
    body = client.post(reverse("accounts:settings_member_add"), data).content.decode()
    assert "trop court" in body
    assert not User.objects.filter(username="anne.d").exists()


def test_manager_cannot_grant_admin_or_dpo(client, world):
    client.force_login(world.manager)
    data = {
        "member-username": "x.admin",
        "member-first_name": "X",
        "member-last_name": "Admin",
        "member-role": Role.ADMIN,
        "member-password": STRONG,
    }
    body = client.post(reverse("accounts:settings_member_add"), data).content.decode()
    assert "Sélectionnez un choix valide" in body
    with pytest.raises(PermissionDenied):
        services.member_create(
            actor=world.manager,
            username="y",
            first_name="Y",
            last_name="Y",
            email="",
            role=Role.DPO,
            team=None,
            password=STRONG,
        )
    membership = world.worker.membership
    url = reverse("accounts:settings_member_edit", args=[membership.pk])
    assert client.post(url, {f"ms{membership.pk}-role": Role.ADMIN}).status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.WORKER


def test_change_role_and_team(client, world):
    client.force_login(world.admin)
    membership = world.stranger.membership
    url = reverse("accounts:settings_member_edit", args=[membership.pk])
    data = {f"ms{membership.pk}-role": Role.MANAGER, f"ms{membership.pk}-team": world.team_a.pk}
    assert client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER and membership.team == world.team_a


def test_deactivate_then_reactivate_a_member(client, world):
    client.force_login(world.admin)
    membership = world.stranger.membership
    url = reverse("accounts:settings_member_active", args=[membership.pk])
    assert client.post(url, {"active": "0"}).status_code == 302
    membership.refresh_from_db()
    world.stranger.refresh_from_db()
    assert not membership.is_active and not world.stranger.is_active
    client.post(url, {"active": "1"})
    world.stranger.refresh_from_db()
    assert world.stranger.is_active and Membership.objects.get(pk=membership.pk).is_active


def test_cannot_deactivate_oneself(world):
    with pytest.raises(ValidationError):
        services.membership_set_active(actor=world.admin, membership=world.admin.membership, active=False)


def test_member_of_another_structure_is_404(client, world):
    client.force_login(world.admin)
    url = reverse("accounts:settings_member_active", args=[world.foreign.membership.pk])
    assert client.post(url, {"active": "0"}).status_code == 404
    world.foreign.refresh_from_db()
    assert world.foreign.is_active


@pytest.mark.parametrize("role", ["worker", "reception", "dpo"])
def test_settings_writes_refused_to_other_roles(client, world, role):
    client.force_login(getattr(world, role))
    assert client.post(reverse("accounts:settings_site_add"), {"site-name": "Pirate"}).status_code == 403
    assert not Site.objects.filter(name="Pirate").exists()
    with pytest.raises(PermissionDenied):
        services.site_create(actor=getattr(world, role), name="Pirate")


def test_deactivated_account_cannot_log_in(client, world):
    target = member(Role.WORKER, organisation=world.org)
    services.membership_set_active(actor=world.admin, membership=target.membership, active=False)
    from tests.factories import PASSWORD

    assert not client.login(username=target.username, password=PASSWORD)


SETTINGS_POSTS = [
    ("accounts:settings_structure", False, {"name": "Piratée", "kind": "ccas", "retention_months": "24"}),
    ("accounts:settings_site_add", False, {"site-name": "Pirate"}),
    ("accounts:settings_team_add", False, {"team-name": "Pirate"}),
    ("accounts:settings_member_add", False, {"member-username": "pirate", "member-role": Role.ADMIN}),
    ("accounts:settings_member_edit", True, {"role": Role.ADMIN}),
    ("accounts:settings_member_active", True, {"active": "0"}),
]


@pytest.mark.parametrize("name, with_pk, data", SETTINGS_POSTS)
@pytest.mark.parametrize("role", ["worker", "stranger", "reception", "dpo"])
def test_every_settings_write_is_refused_to_other_roles(client, world, name, with_pk, data, role):
    args = [world.worker.membership.pk] if with_pk else []
    client.force_login(getattr(world, role))
    assert client.post(reverse(name, args=args), data).status_code == 403
    world.org.refresh_from_db()
    world.worker.refresh_from_db()
    assert world.org.name == "CCAS de Montauban" and world.worker.is_active
    assert world.worker.membership.role == Role.WORKER
    assert not Site.objects.filter(name="Pirate").exists() and not Team.objects.filter(name="Pirate").exists()
    assert not User.objects.filter(username="pirate").exists()
