import pytest

from egide.accounts.models import Role
from tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible_and_signs_in(browser_page, login, axe_violations):
    user = member(Role.WORKER)
    browser_page.goto("/compte/connexion/")
    assert axe_violations(browser_page) == []
    login(browser_page, user)
    assert browser_page.get_by_role("button", name="Se déconnecter").is_visible()


def test_wrong_password_says_so_in_french_and_keeps_username(browser_page, login):
    user = member(Role.WORKER)
    browser_page.goto("/compte/connexion/")
    browser_page.get_by_label("Identifiant").fill(user.username)
    browser_page.get_by_label("Mot de passe").fill("pas le bon")
    browser_page.get_by_role("button", name="Se connecter").click()
    assert browser_page.get_by_role("alert").inner_text().startswith("Identifiant ou mot de passe incorrect")
    assert browser_page.get_by_label("Identifiant").input_value() == user.username
