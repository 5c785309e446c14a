from django.test import Client


def test_health_is_public(client: Client) -> None:
    assert client.get("/api/v1/health").json()["status"] == "ok"
    assert client.get("/healthz").json() == {"status": "ok"}
