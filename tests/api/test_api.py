import json
from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.accounts.models import ApiToken, Membership
from haven.accounts.tokens import token_issue
from tests.conftest import Cast, assert_problem


def _token(cast: Cast, username: str = "muni.caseworker") -> str:
    membership = Membership.objects.get(user=cast.users[username])
    return token_issue(membership=membership, name="test").secret


def _request_token(client: Client, membership_id: int, name: str = "x") -> HttpResponse:
    return client.post(  # type: ignore[return-value]
        "/api/v1/tokens",
        {"name": name, "membership_id": membership_id},
        content_type="application/json",
    )


def test_openapi_document_lists_the_operations(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/me", "/api/v1/tokens", "/api/v1/health"} <= set(document["paths"])


def test_api_docs_load_their_scripts_from_haven_not_a_cdn(client: Client) -> None:
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_anonymous_request_gets_a_problem_document(client: Client) -> None:
    body = assert_problem(client.get("/api/v1/me"), 401)
    assert body["instance"] == "/api/v1/me"


def test_problem_titles_follow_accept_language(client: Client) -> None:
    english = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en").json()["title"]
    arabic = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="ar").json()["title"]
    assert english != arabic


def test_unknown_api_path_is_a_404_problem(client: Client) -> None:
    assert_problem(client.get("/api/v1/no-such-thing"), 404)


def test_browser_session_reads_me(client: Client, cast: Cast) -> None:
    cast.login(client, "relocation.coordinator")
    body = client.get("/api/v1/me").json()
    assert body["username"] == "relocation.coordinator"
    assert body["acting_as"]["organisation"]["sector"] == "relocation_coordinator"


def test_a_token_acts_as_its_membership(client: Client, cast: Cast) -> None:
    secret = _token(cast, "oversight.auditor")
    body = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert body["acting_as"]["role"] == "auditor"
    assert ApiToken.objects.get().key_hash != secret  # only the hash is stored
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)


@pytest.mark.parametrize("mangle", ["revoke", "expire", "tamper", "deactivate"])
def test_dead_tokens_are_refused(client: Client, cast: Cast, mangle: str) -> None:
    secret = _token(cast)
    if mangle == "revoke":
        ApiToken.objects.update(revoked_at=timezone.now())
    elif mangle == "expire":
        ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    elif mangle == "tamper":
        secret = secret[:-2] + ("AA" if not secret.endswith("AA") else "BB")
    else:
        cast.users["muni.caseworker"].is_active = False
        cast.users["muni.caseworker"].save()
    assert_problem(client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}"), 401)


def test_session_writes_need_the_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    cast.login(client, "muni.caseworker")
    membership = Membership.objects.get(user=cast.users["muni.caseworker"])
    response = _request_token(client, membership.pk, "x")
    body = assert_problem(response, 403)
    assert "CSRF" in str(body["detail"])
    assert not ApiToken.objects.exists()


def test_issue_and_revoke_a_token_through_the_api(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.caseworker")
    membership = Membership.objects.get(user=cast.users["muni.caseworker"])
    created = _request_token(client, membership.pk, "sync job")
    assert created.status_code == 201
    secret = created.json()["token"]
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    assert client.delete(f"/api/v1/tokens/{created.json()['id']}").status_code == 204
    assert_problem(client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}"), 401)


def test_a_token_for_someone_elses_membership_is_not_found(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.caseworker")
    foreign = Membership.objects.get(user=cast.users["police.officer"])
    response = _request_token(client, foreign.pk, "x")
    assert_problem(response, 404)


def test_malformed_json_is_a_400_problem(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.caseworker")
    response = client.post("/api/v1/tokens", "{not json", content_type="application/json")
    body = assert_problem(response, 400)
    assert "not valid JSON" in str(body["detail"])


def test_invalid_fields_are_listed_with_json_pointers(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.caseworker")
    response = client.post(
        "/api/v1/tokens", {"name": "", "lifetime_days": 9999}, content_type="application/json"
    )
    body = assert_problem(response, 422)
    pointers = {error["pointer"] for error in body["errors"]}  # type: ignore[attr-defined]
    assert pointers == {"#/name", "#/membership_id", "#/lifetime_days"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(
        json_values,
        st.fixed_dictionaries(
            {
                "name": st.text(max_size=120),
                "membership_id": st.integers(),
                "lifetime_days": st.integers(),
            }
        ),
    )
)
def test_no_request_body_makes_the_api_fail_with_a_500(
    client: Client, cast: Cast, body: object
) -> None:
    cast.login(client, "muni.caseworker")
    response = client.post("/api/v1/tokens", json.dumps(body), content_type="application/json")
    assert response.status_code in {201, 400, 404, 422}
    if response.status_code != 201:
        assert response["Content-Type"] == "application/problem+json"


def test_a_token_cannot_issue_or_revoke_tokens(client: Client, cast: Cast) -> None:
    secret = _token(cast)
    membership = Membership.objects.get(user=cast.users["muni.caseworker"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    response = client.post(
        "/api/v1/tokens",
        {"name": "x", "membership_id": membership.pk},
        content_type="application/json",
        **auth,
    )
    assert_problem(response, 401)
    assert_problem(client.delete(f"/api/v1/tokens/{ApiToken.objects.get().pk}", **auth), 401)
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_wrong_method_is_a_problem_with_allow(client: Client) -> None:
    response = client.put("/api/v1/health")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


def test_an_oversized_body_is_a_413_problem(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.caseworker")
    body = json.dumps({"name": "x" * 3_000_000, "membership_id": 1})
    assert_problem(client.post("/api/v1/tokens", body, content_type="application/json"), 413)


def test_field_errors_are_translated(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.caseworker")
    english = client.post(
        "/api/v1/tokens", {"name": "x", "membership_id": "abc"}, content_type="application/json"
    ).json()
    german = client.post(
        "/api/v1/tokens",
        {"name": "x", "membership_id": "abc"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de",
    ).json()
    assert english["errors"][0]["pointer"] == "#/membership_id"
    assert english["errors"][0]["detail"] != german["errors"][0]["detail"]
