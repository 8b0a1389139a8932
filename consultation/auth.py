"""Who may see what: two roles, read from Streamlit's OpenID Connect login and a role map.

- ``analyste``: everything (individual answers, exports of answers, imports).
- ``lecture``: aggregated views only. No individual answer (the Réponses page, verbatims,
  exports of answers) and no import on the Données page. Small groups are always protected.

Configuration (``.streamlit/secrets.toml``, see ``.streamlit/secrets.toml.example``):
``[auth]`` is Streamlit's own OIDC section (redirect_uri, cookie_secret, client_id,
client_secret, server_metadata_url); ``[roles]`` maps e-mails or groups to roles:

    [roles]
    analystes = ["a@culture.gouv.fr"]      # e-mails (case ignored)
    groupes_analystes = ["numerique"]      # values of the groups claim
    lecture = ["b@culture.gouv.fr"]        # e-mails given the lecture role explicitly
    lecture_par_defaut = true              # any other signed-in user reads (false: refused)
    domaines_lecture = ["culture.gouv.fr"] # ...as long as the e-mail is in one of these domains
    attribut_groupes = "groups"            # the claim holding the groups

Without an ``[auth]`` section the app runs in local mode: everybody is analyste, unless the
environment variable CONSULTATION_ROLE=lecture makes a public read-only instance.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import streamlit as st

Role = Literal["analyste", "lecture"]
ANALYSTE: Role = "analyste"
LECTURE: Role = "lecture"
ROLE_LABELS = {ANALYSTE: "analyste", LECTURE: "lecture"}

# Route table: pages (url_path) a role may open. Pages not listed are open to both roles.
ANALYST_ONLY_PAGES = frozenset({"reponses"})
# What the lecture role cannot do on pages it can open (pages ask through these names).
ANALYST_ONLY_ACTIONS = frozenset({"answers", "verbatims", "export_answers", "import", "ids"})

ENV_ROLE = "CONSULTATION_ROLE"
_AUTH_REQUIRED = ("redirect_uri", "cookie_secret")
_PROVIDER_REQUIRED = ("client_id", "client_secret", "server_metadata_url")


@dataclass(frozen=True)
class Access:
    """The outcome of the access check for this session."""

    role: Role | None  # None: not signed in, or signed in without a role
    local: bool  # no authentication configured
    email: str = ""
    name: str = ""
    signed_in: bool = False

    @property
    def allowed(self) -> bool:
        return self.role is not None


def _secrets_section(name: str) -> Mapping:
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets.toml at all (StreamlitSecretNotFoundError) or unreadable
        return {}
    return section if isinstance(section, Mapping) else {}


def auth_settings() -> Mapping:
    return _secrets_section("auth")


def role_settings() -> Mapping:
    return _secrets_section("roles")


def provider_name(auth: Mapping | None = None) -> str | None:
    """The provider to pass to st.login: None for a flat [auth] section, else the first [auth.<name>]."""
    auth = auth_settings() if auth is None else auth
    if all(k in auth for k in _PROVIDER_REQUIRED):
        return None
    for key, value in auth.items():
        if isinstance(value, Mapping) and all(k in value for k in _PROVIDER_REQUIRED):
            return key
    return None


def auth_configured(auth: Mapping | None = None) -> bool:
    """Whether secrets hold a usable OIDC configuration (otherwise: local mode)."""
    auth = auth_settings() if auth is None else auth
    if not auth or not all(k in auth for k in _AUTH_REQUIRED):
        return False
    return all(k in auth for k in _PROVIDER_REQUIRED) or provider_name(auth) is not None


def _as_set(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        value = [value]
    return {str(v).strip().lower() for v in value if str(v).strip()}


def role_for(email: str, groups, settings: Mapping) -> Role | None:
    """The role of a signed-in user from the [roles] map (None: no access)."""
    email = (email or "").strip().lower()
    groups = _as_set(groups)
    if email and email in _as_set(settings.get("analystes")):
        return ANALYSTE
    if groups & _as_set(settings.get("groupes_analystes")):
        return ANALYSTE
    if email and email in _as_set(settings.get("lecture")):
        return LECTURE
    if groups & _as_set(settings.get("groupes_lecture")):
        return LECTURE
    if settings.get("lecture_par_defaut", True) and email:
        domains = _as_set(settings.get("domaines_lecture"))
        if not domains or email.rpartition("@")[2] in domains:
            return LECTURE
    return None


def local_role() -> Role:
    """The role in local mode: analyste, or lecture when CONSULTATION_ROLE=lecture."""
    return LECTURE if os.environ.get(ENV_ROLE, "").strip().lower() == LECTURE else ANALYSTE


def current_access() -> Access:
    """Who is using this session and with which role (reads st.user and the secrets)."""
    if not auth_configured():
        return Access(role=local_role(), local=True)
    user = st.user.to_dict()
    if not user.get("is_logged_in"):
        return Access(role=None, local=False)
    settings = role_settings()
    email = str(user.get("email") or "")
    groups = user.get(str(settings.get("attribut_groupes", "groups")), [])
    return Access(
        role=role_for(email, groups, settings),
        local=False,
        email=email,
        name=str(user.get("name") or email),
        signed_in=True,
    )


def page_allowed(role: Role | None, url_path: str) -> bool:
    """Whether ``role`` may open the page at ``url_path`` (the route table)."""
    if role is None:
        return False
    return role == ANALYSTE or url_path not in ANALYST_ONLY_PAGES


def can(role: Role | None, action: str) -> bool:
    """Whether ``role`` may do ``action`` (one of ANALYST_ONLY_ACTIONS, or anything else)."""
    if role is None:
        return False
    return role == ANALYSTE or action not in ANALYST_ONLY_ACTIONS


def login_screen(access: Access) -> None:
    """The page shown instead of the app to a visitor without access; stops the run."""
    st.title("Consultation numérique culturelle")
    if not access.signed_in:
        st.write(
            "Ce tableau de bord est réservé aux agents du ministère de la Culture. "
            "Connectez-vous avec votre compte professionnel."
        )
        if st.button("Se connecter", icon=":material/login:", type="primary"):
            st.login(provider_name())
    else:
        st.error(
            "Votre compte est bien identifié, mais il n'a pas accès à ce tableau de bord. "
            "Demandez l'accès au service du numérique.",
            icon=":material/lock:",
        )
        if st.button("Se déconnecter", icon=":material/logout:"):
            st.logout()
    st.stop()


def sidebar_account(access: Access) -> None:
    """Who is signed in, with which role, and the way out (or the local-mode notice)."""
    if access.local:
        if access.role == ANALYSTE:
            st.caption(":material/lock_open: Mode local : accès analyste sans authentification")
        else:
            st.caption(":material/visibility: Mode local en lecture seule : vues agrégées uniquement")
        return
    from consultation.ui import escape_markdown  # ui imports this module

    st.caption(f":material/person: {escape_markdown(access.name)} · accès {ROLE_LABELS[access.role]}")
    if st.button("Se déconnecter", icon=":material/logout:", key="logout"):
        st.logout()
