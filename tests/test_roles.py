"""Access roles: lecture (aggregated views only) and analyste (everything), enforced by the router."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from consultation import auth, navigation

APP = str(Path(__file__).resolve().parent.parent / "app.py")

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "tableau-de-bord",
    "client_secret": "secret",
    "server_metadata_url": "https://sso.exemple.gouv.fr/realms/culture/.well-known/openid-configuration",
}
ROLES = {
    "analystes": ["Analyste@Culture.gouv.fr"],
    "groupes_analystes": ["numerique-analystes"],
    "lecture_par_defaut": True,
    "domaines_lecture": ["culture.gouv.fr"],
}
ANSWERS_PAGE = any(p.url_path == "reponses" for p in navigation.available_pages())
needs_answers_page = pytest.mark.skipif(not ANSWERS_PAGE, reason="the Réponses page is not there yet")


# --- The role map -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "groups", "settings", "role"),
    [
        ("analyste@culture.gouv.fr", [], ROLES, "analyste"),
        ("ANALYSTE@culture.gouv.fr", [], ROLES, "analyste"),
        ("agent@culture.gouv.fr", ["numerique-analystes"], ROLES, "analyste"),
        ("agent@culture.gouv.fr", [], ROLES, "lecture"),
        ("agent@interieur.gouv.fr", [], ROLES, None),
        ("agent@interieur.gouv.fr", [], {"lecture_par_defaut": True}, "lecture"),
        ("agent@culture.gouv.fr", [], {"lecture_par_defaut": False}, None),
        ("agent@culture.gouv.fr", [], {"lecture_par_defaut": False, "lecture": ["agent@culture.gouv.fr"]}, "lecture"),
        ("", [], {"lecture_par_defaut": True}, None),
    ],
)
def test_the_role_map_gives_each_user_a_role_or_none(email, groups, settings, role):
    assert auth.role_for(email, groups, settings) == role


@pytest.mark.parametrize(
    ("section", "configured", "provider"),
    [
        ({}, False, None),
        (AUTH, True, None),
        ({k: v for k, v in AUTH.items() if k != "cookie_secret"}, False, None),
        (
            {"redirect_uri": "x", "cookie_secret": "y", "proconnect": {k: AUTH[k] for k in auth._PROVIDER_REQUIRED}},
            True,
            "proconnect",
        ),
        ({"redirect_uri": "x", "cookie_secret": "y", "proconnect": {"client_id": "a"}}, False, None),
    ],
)
def test_an_auth_configuration_is_recognised_only_when_complete(section, configured, provider):
    assert auth.auth_configured(section) is configured
    assert auth.provider_name(section) == provider


@pytest.mark.parametrize(
    ("role", "url_path", "allowed"),
    [
        ("analyste", "reponses", True),
        ("lecture", "reponses", False),
        ("lecture", "vue-d-ensemble", True),
        ("lecture", "donnees", True),
        (None, "vue-d-ensemble", False),
    ],
)
def test_the_route_table(role, url_path, allowed):
    assert auth.page_allowed(role, url_path) is allowed


@pytest.mark.parametrize("action", ["answers", "verbatims", "export_answers", "import", "ids"])
def test_the_lecture_role_may_do_none_of_the_analyst_actions(action):
    assert auth.can("analyste", action)
    assert not auth.can("lecture", action)


# --- Through the router -------------------------------------------------------------------------


def run(user=None, secrets=None, params=None, url_path=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if user is not None:
        at.user = user
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if url_path:  # a typed or forged address (after a first run, so the router's pages are known)
        at._page_hash = calc_hash(url_path)
        at.run()
    assert not at.exception, at.exception
    return at


def menu(at: AppTest) -> list[str]:
    titles = {p.title for p in navigation.PAGES}
    return [link.proto.label for link in at.get("page_link") if link.proto.label in titles]


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


SIGNED_IN_LECTURE = {"is_logged_in": True, "email": "agent@culture.gouv.fr", "name": "Agent Lecture"}
SIGNED_IN_ANALYST = {"is_logged_in": True, "email": "analyste@culture.gouv.fr", "name": "Ana Lyste"}
CONFIGURED = {"auth": AUTH, "roles": ROLES}


def test_without_auth_configuration_the_app_runs_in_local_mode_as_analyst(fixture_db_path):
    at = run()
    assert "Mode local : accès analyste sans authentification" in captions(at)
    assert ("Réponses" in menu(at)) is ANSWERS_PAGE


def test_a_local_read_only_instance_hides_the_answers_page(fixture_db_path, monkeypatch):
    monkeypatch.setenv("CONSULTATION_ROLE", "lecture")
    at = run()
    assert "Réponses" not in menu(at)
    assert "Vue d'ensemble" in menu(at)
    assert "Mode local en lecture seule" in captions(at)


@needs_answers_page
def test_a_forged_url_to_the_answers_page_gets_a_french_message_not_the_data(fixture_db_path, monkeypatch):
    monkeypatch.setenv("CONSULTATION_ROLE", "lecture")
    at = run(url_path="reponses")
    assert at.title[0].value == "Réponses"
    assert any("Accès réservé aux analystes" in w.value for w in at.warning)
    assert at.dataframe == [] and at.text == [] and at.get("plotly_chart") == []


def test_a_visitor_who_is_not_signed_in_sees_only_the_login_screen(fixture_db_path):
    at = run(user={"is_logged_in": False}, secrets=CONFIGURED)
    assert [b.label for b in at.button] == ["Se connecter"]
    assert menu(at) == []
    assert at.metric == []


def test_a_signed_in_user_without_a_role_is_told_so(fixture_db_path):
    at = run(user={"is_logged_in": True, "email": "x@interieur.gouv.fr"}, secrets=CONFIGURED)
    assert any("n'a pas accès" in e.value for e in at.error)
    assert menu(at) == []


def test_a_lecture_user_sees_the_aggregated_pages_but_not_the_answers(fixture_db_path):
    at = run(user=SIGNED_IN_LECTURE, secrets=CONFIGURED)
    assert at.title[0].value == "Vue d'ensemble"
    assert "Réponses" not in menu(at)
    assert "Agent Lecture · accès lecture" in captions(at)


def test_small_groups_are_always_protected_for_the_lecture_role(fixture_db_path):
    at = run(user=SIGNED_IN_LECTURE, secrets=CONFIGURED)
    assert {m.label: m.value for m in at.metric}["Répondants"] == "< 10"
    assert all(t.key != "privacy_on" for t in at.toggle)


@needs_answers_page
def test_a_lecture_user_forging_the_answers_url_gets_a_french_message(fixture_db_path):
    at = run(user=SIGNED_IN_LECTURE, secrets=CONFIGURED, url_path="reponses")
    assert any("Accès réservé aux analystes" in w.value for w in at.warning)
    assert at.dataframe == [] and at.text == []


@needs_answers_page
def test_an_analyst_opens_the_answers_page(fixture_db_path):
    at = run(user=SIGNED_IN_ANALYST, secrets=CONFIGURED, url_path="reponses")
    assert "Réponses" in menu(at)
    assert not any("Accès réservé" in w.value for w in at.warning)
    assert "Ana Lyste · accès analyste" in captions(at)


def test_an_analyst_by_group_claim_sees_the_answers_page_in_the_menu(fixture_db_path):
    user = {"is_logged_in": True, "email": "agent@culture.gouv.fr", "groups": ["numerique-analystes"]}
    at = run(user=user, secrets=CONFIGURED)
    assert ("Réponses" in menu(at)) is ANSWERS_PAGE


def test_verbatims_are_not_shown_to_the_lecture_role(fixture_db_path, monkeypatch):
    """ui.verbatim, used by every page that quotes answers, says why instead of showing them."""
    monkeypatch.setenv("CONSULTATION_ROLE", "lecture")
    at = AppTest.from_function(_verbatim_script, default_timeout=30)
    at.session_state["_role"] = "lecture"
    at.run()
    assert at.text == []
    assert [i.value for i in at.info] == ["Accès lecture : les réponses individuelles sont réservées aux analystes."]


def test_verbatims_are_masked_for_an_analyst_with_protection_on(fixture_db_path):
    at = AppTest.from_function(_verbatim_script, default_timeout=30)
    at.session_state["_role"] = "analyste"
    at.session_state["_mask_pii"] = True
    at.run()
    assert [t.value for t in at.text] == ["Écrivez à [courriel masqué].", "Appelez le [téléphone masqué]."]


def _verbatim_script():
    from consultation import ui

    ui.verbatim("Écrivez à jean.dupont@gmail.com.")
    ui.verbatim("Appelez le 06 12 34 56 78.")


def test_the_example_secrets_file_is_a_complete_configuration():
    import tomllib

    example = tomllib.loads((Path(APP).parent / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8"))
    assert auth.auth_configured(example["auth"])
    assert auth.provider_name(example["auth"]) == "keycloak"
    assert auth.role_for("prenom.nom@culture.gouv.fr", [], example["roles"]) == "analyste"
    assert auth.role_for("autre.agent@culture.gouv.fr", [], example["roles"]) == "lecture"
    assert auth.role_for("agent@exemple.fr", [], example["roles"]) is None
