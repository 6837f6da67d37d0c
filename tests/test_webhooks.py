"""Publish webhooks: signed events sent to a real local HTTP receiver, retried, in order."""

from __future__ import annotations

import html
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import suppress
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from wagtail.models import Locale, PageViewRestriction
from wagtail.users.models import UserProfile

from tests.factories import (
    make_category,
    make_image,
    make_index,
    make_news,
    news_form,
    translate,
)
from wagtail_govnews.contrib.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from wagtail_govnews.contrib.webhooks.signing import signature_header, verify_signature
from wagtail_govnews.contrib.webhooks.tasks import deliver_webhooks

pytestmark = pytest.mark.django_db

SECRET = "s3cret-for-tests-only-0123456789"
API = "http://localhost/api/govnews"


class Receiver:
    """A tiny HTTP server in a thread that records every POST and answers ``statuses``
    in turn (then 200); ``delay`` seconds before each answer."""

    def __init__(self, port: int = 0, statuses: list[int] | None = None, delay: float = 0):
        self.received: list[dict] = []
        self.statuses = list(statuses or [])
        self.delay = delay
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": self.headers, "body": body})
                time.sleep(receiver.delay)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", receiver.url)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/revalidate"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def events(self) -> list[dict]:
        return [json.loads(request["body"]) for request in self.received]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    started = Receiver()
    yield started
    started.stop()


def free_port() -> int:
    """A port nothing listens on (a receiver that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def endpoint_for(url: str, **fields) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(description="Frontend", url=url, secret=SECRET, **fields)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the on-commit callbacks (the deliveries) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# Signing


def test_signature_verifies_and_a_tampered_body_fails():
    body = b'{"type":"article.published","article":{"id":7}}'
    header = signature_header([SECRET], body)
    assert verify_signature(SECRET, body, header)
    assert not verify_signature(SECRET, body.replace(b"7", b"8"), header)
    assert not verify_signature("another-secret-of-enough-length", body, header)
    assert not verify_signature(SECRET, body, header.replace("v1=", "v1=0"))
    assert not verify_signature(SECRET, body, None)
    assert not verify_signature(SECRET, body, "v1=abc")


def test_an_old_or_future_signature_fails_outside_the_tolerance():
    body = b"{}"
    signed_at = 1_800_000_000
    header = signature_header([SECRET], body, timestamp=signed_at)
    assert verify_signature(SECRET, body, header, now=signed_at + 299)
    assert not verify_signature(SECRET, body, header, now=signed_at + 301)
    assert not verify_signature(SECRET, body, header, now=signed_at - 301)
    assert verify_signature(SECRET, body, header, tolerance=600, now=signed_at + 500)


def test_any_of_several_signatures_verifies_while_a_secret_is_rotated():
    body = b"{}"
    header = signature_header(["old-secret-000000000000000000", SECRET], body)
    assert verify_signature(SECRET, body, header)
    assert verify_signature("old-secret-000000000000000000", body, header)


# Publishing


def test_publish_delivers_one_signed_event(receiver, news_index, committed):
    endpoint = endpoint_for(receiver.url)
    page = make_news(news_index, "Khai trương tuyến buýt", publish=False)
    revision = page.save_revision()
    with committed():
        revision.publish()

    assert len(receiver.received) == 1
    request = receiver.received[0]
    assert verify_signature(SECRET, request["body"], request["headers"]["X-GovNews-Signature"])
    event = json.loads(request["body"])
    page.refresh_from_db()
    assert event["type"] == "article.published"
    assert request["headers"]["X-GovNews-Event"] == "article.published"
    assert request["headers"]["X-GovNews-Event-Id"] == event["id"]
    assert event["article"] == {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "locale": "vi",
        "public": True,
    }
    assert event["old_path"] is None
    assert event["new_path"] == f"/vi/tin-tuc/{page.slug}/"
    assert f"{API}/news/{page.pk}/" in event["api_urls"]
    assert f"{API}/news/?index={news_index.pk}" in event["api_urls"]
    assert "Khai trương" not in request["body"].decode()  # identifiers, never content

    attempt = WebhookAttempt.objects.get()
    assert (attempt.number, attempt.succeeded, attempt.status_code) == (1, True, 200)
    assert attempt.delivery.endpoint == endpoint
    assert attempt.delivery.status == DeliveryStatus.DELIVERED


def test_saving_a_draft_delivers_nothing(receiver, article, committed):
    endpoint_for(receiver.url)
    article.title = "Bản nháp"
    with committed():
        article.save_revision()
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_only_active_endpoints_subscribed_to_the_event_receive_it(receiver, news_index, committed):
    endpoint_for(receiver.url, events=["article.unpublished"])
    endpoint_for(receiver.url, is_active=False)
    with committed():
        page = make_news(news_index)
    assert receiver.received == []
    with committed():
        page.unpublish()
    assert [event["type"] for event in receiver.events()] == ["article.unpublished"]


def test_an_event_is_not_sent_when_the_change_rolls_back(receiver, news_index, committed):
    endpoint_for(receiver.url)
    with committed(), suppress(RuntimeError), transaction.atomic():
        make_news(news_index)
        raise RuntimeError("the editor's request fails after publishing")
    assert not WebhookDelivery.objects.exists()
    assert receiver.received == []


# Retries and ordering


def test_a_receiver_that_is_down_is_retried_with_back_off_until_it_is_up(news_index, committed):
    port = free_port()
    endpoint = endpoint_for(f"http://127.0.0.1:{port}/revalidate")
    with committed():
        make_news(news_index)

    delivery = WebhookDelivery.objects.get()
    first = delivery.attempt_log.get()
    assert (first.number, first.succeeded, first.status_code) == (1, False, None)
    assert "Connection refused" in first.error or "URLError" in first.error
    assert delivery.status == DeliveryStatus.PENDING
    delay = delivery.next_attempt_at - first.attempted_at
    assert timedelta(seconds=29) < delay <= timedelta(seconds=31)

    deliver_webhooks.call(endpoint.pk)  # not due yet: nothing is sent
    assert delivery.attempt_log.count() == 1

    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        deliver_webhooks.call(endpoint.pk)  # still down: the delay doubles
    delivery.refresh_from_db()
    second = delivery.attempt_log.get(number=2)
    assert not second.succeeded
    assert delivery.next_attempt_at - second.attempted_at >= timedelta(seconds=59)

    up = Receiver(port=port)
    try:
        with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
            call_command("govnews_webhooks", stdout=None)
    finally:
        up.stop()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempt_log.get(number=3).status_code == 200
    assert [event["id"] for event in up.events()] == [str(delivery.event_id)]
    # The same event (same body) each time: the receiver can de-duplicate by its id.
    assert up.events()[0] == delivery.payload


def test_the_retry_is_enqueued_with_run_after_when_the_backend_can_defer(
    settings, news_index, committed
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    endpoint = endpoint_for(f"http://127.0.0.1:{free_port()}/")
    backend = task_backends["default"]

    def deliveries_enqueued():
        return [r for r in backend.results if r.task.func is deliver_webhooks.func]

    with committed():
        make_news(news_index)
    assert [result.args for result in deliveries_enqueued()] == [[endpoint.pk]]  # after commit
    assert not WebhookAttempt.objects.exists()  # the worker has not run yet

    deliver_webhooks.call(endpoint.pk)  # as a worker would
    delivery = WebhookDelivery.objects.get()
    retry = deliveries_enqueued()[-1]
    assert retry.args == [endpoint.pk]
    assert retry.task.run_after == delivery.next_attempt_at
    backend.clear()


def test_an_editor_publishing_in_the_admin_does_not_wait_for_a_slow_endpoint(
    settings, editor_client, news_index, committed
):
    settings.WAGTAIL_GOVNEWS = {**settings.WAGTAIL_GOVNEWS, "WEBHOOKS_TIMEOUT": 0.5}
    slow = Receiver(delay=3)
    try:
        endpoint_for(slow.url)
        url = reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", news_index.pk))
        form = news_form(make_image(), make_category()) | {"action-publish": "publish"}
        started = time.monotonic()
        with committed():
            response = editor_client.post(url, form)
        elapsed = time.monotonic() - started
    finally:
        slow.stop()
    assert response.status_code == 302
    assert elapsed < 2.5  # bounded by WEBHOOKS_TIMEOUT even with the immediate backend
    attempt = WebhookAttempt.objects.get()
    assert attempt.delivery.event_type == "article.published"
    assert "timed out" in attempt.error
    assert attempt.delivery.status == DeliveryStatus.PENDING  # retried later


def test_an_error_status_and_a_slow_receiver_count_as_failures(settings, news_index, committed):
    settings.WAGTAIL_GOVNEWS = {**settings.WAGTAIL_GOVNEWS, "WEBHOOKS_TIMEOUT": 0.5}
    failing, slow, moved = Receiver(statuses=[503]), Receiver(delay=2), Receiver(statuses=[302])
    try:
        endpoint_for(failing.url)
        endpoint_for(slow.url)
        endpoint_for(moved.url)
        started = time.monotonic()
        with committed():
            make_news(news_index)
        assert time.monotonic() - started < 1.9  # the slow endpoint did not hold the editor
    finally:
        failing.stop()
        slow.stop()
        moved.stop()
    attempts = {a.delivery.endpoint.url: a for a in WebhookAttempt.objects.all()}
    assert (attempts[failing.url].status_code, attempts[failing.url].succeeded) == (503, False)
    assert attempts[failing.url].error.startswith("HTTP 503")
    assert attempts[slow.url].status_code is None
    assert "timed out" in attempts[slow.url].error
    assert attempts[slow.url].duration_ms >= 400
    assert attempts[moved.url].error.startswith("HTTP 302")  # redirects are not followed
    assert len(moved.received) == 1


def test_events_of_one_endpoint_arrive_in_order_even_across_a_failure(
    news_index, receiver, committed
):
    receiver.statuses = [500]  # the first event fails once
    endpoint = endpoint_for(receiver.url)
    with committed():
        first = make_news(news_index, "Tin một")
    with committed():
        second = make_news(news_index, "Tin hai")
    # The second waits behind the first: nothing overtakes a pending event.
    assert [event["article"]["id"] for event in receiver.events()] == [first.pk]
    due = WebhookDelivery.objects.filter(status="pending").order_by("pk").first()
    with time_machine.travel(due.next_attempt_at + timedelta(seconds=1)):
        deliver_webhooks.call(endpoint.pk)
    assert [event["article"]["id"] for event in receiver.events()] == [
        first.pk,
        first.pk,
        second.pk,
    ]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_one_run_at_a_time_sends_to_an_endpoint(receiver, news_index, committed):
    endpoint = endpoint_for(receiver.url)
    held_until = timezone.now() + timedelta(seconds=60)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(lease_until=held_until)
    with committed():
        make_news(news_index)
    assert receiver.received == []  # another run (another worker) holds the endpoint
    with time_machine.travel(held_until + timedelta(seconds=1)):
        deliver_webhooks.call(endpoint.pk)  # that run died: its lease expired
    assert len(receiver.received) == 1
    endpoint.refresh_from_db()
    assert endpoint.lease_until is None


def test_a_paused_endpoint_keeps_its_events_until_it_is_active_again(
    settings, receiver, news_index, committed
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    endpoint = endpoint_for(receiver.url)
    with committed():
        make_news(news_index)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
    backend.clear()
    deliver_webhooks.call(endpoint.pk)
    assert receiver.received == []
    assert backend.results == []  # no run re-enqueued for a paused endpoint
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=True)
    call_command("govnews_webhooks", stdout=None)
    assert len(receiver.received) == 1


def test_a_delivery_that_keeps_failing_is_given_up_and_the_next_one_is_sent(
    settings, news_index, receiver, committed
):
    settings.WAGTAIL_GOVNEWS = {**settings.WAGTAIL_GOVNEWS, "WEBHOOKS_MAX_ATTEMPTS": 2}
    receiver.statuses = [500, 500]
    endpoint = endpoint_for(receiver.url)
    with committed():
        make_news(news_index, "Tin một")
        make_news(news_index, "Tin hai")
    given_up = WebhookDelivery.objects.order_by("pk").first()
    with time_machine.travel(given_up.next_attempt_at + timedelta(seconds=1)):
        deliver_webhooks.call(endpoint.pk)
    statuses = list(WebhookDelivery.objects.order_by("pk").values_list("status", "attempts"))
    assert statuses == [("failed", 2), ("delivered", 1)]


def test_a_test_event_checks_an_endpoint_from_the_command_line(receiver):
    endpoint = endpoint_for(receiver.url, events=[])
    out = StringIO()
    call_command("govnews_webhooks", ping=endpoint.pk, stdout=out)
    assert f"{receiver.url} answered 200" in out.getvalue()
    (request,) = receiver.received
    assert verify_signature(SECRET, request["body"], request["headers"]["X-GovNews-Signature"])
    event = json.loads(request["body"])
    assert (event["type"], event["article"], event["api_urls"]) == ("endpoint.ping", None, [])

    endpoint.url = f"http://127.0.0.1:{free_port()}/"
    endpoint.save()
    with pytest.raises(CommandError, match="failed"):
        call_command("govnews_webhooks", ping=endpoint.pk, stdout=out)


def test_old_finished_deliveries_are_pruned(receiver, article, committed):
    endpoint_for(receiver.url)
    with committed():
        article.unpublish()
    assert WebhookAttempt.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        call_command("govnews_webhooks", stdout=None)
    assert not WebhookDelivery.objects.exists()
    assert not WebhookAttempt.objects.exists()


# Old paths of unpublished, moved and deleted articles


def test_unpublish_move_and_delete_carry_the_old_paths(receiver, news_index, committed):
    culture = make_index("Văn hóa", "van-hoa")
    page = make_news(news_index, "Tin di chuyển")
    endpoint_for(receiver.url)
    old_path = f"/vi/tin-tuc/{page.slug}/"
    new_path = f"/vi/van-hoa/{page.slug}/"

    with committed():
        page.move(culture, pos="last-child")
    with committed():
        page.refresh_from_db()
        page.unpublish()
    with committed():
        page.refresh_from_db()
        page.save_revision().publish()
    with committed():
        page.refresh_from_db()
        page.delete()

    moved, unpublished, published, deleted = receiver.events()
    assert (moved["type"], moved["old_path"], moved["new_path"]) == (
        "article.moved",
        old_path,
        new_path,
    )
    assert f"{API}/news/find/?path=%2Fvi%2Ftin-tuc%2F{page.slug}%2F" in moved["api_urls"]
    assert f"{API}/news/find/?path=%2Fvi%2Fvan-hoa%2F{page.slug}%2F" in moved["api_urls"]
    assert (unpublished["type"], unpublished["old_path"], unpublished["new_path"]) == (
        "article.unpublished",
        new_path,
        None,
    )
    assert published["new_path"] == new_path
    assert deleted["type"] == "article.deleted"
    assert (deleted["old_path"], deleted["new_path"]) == (new_path, None)
    assert deleted["article"]["id"] == page.pk
    assert len({event["id"] for event in receiver.events()}) == 4


def test_moving_a_section_sends_an_event_per_live_article(receiver, news_index, committed):
    parent = make_index("Chuyên mục", "chuyen-muc")
    live = make_news(news_index, "Tin đã đăng")
    make_news(news_index, "Tin nháp", publish=False)
    endpoint_for(receiver.url)
    with committed():
        news_index.move(parent, pos="last-child")
    (event,) = receiver.events()
    assert event["article"]["id"] == live.pk
    assert event["old_path"] == f"/vi/tin-tuc/{live.slug}/"
    assert event["new_path"] == f"/vi/chuyen-muc/tin-tuc/{live.slug}/"


def test_a_new_slug_sends_the_old_path(receiver, news_index, committed):
    page = make_news(news_index, "Tin cũ")
    endpoint_for(receiver.url)
    page.slug = "tin-moi"
    with committed():
        page.save_revision().publish()
    published, moved = receiver.events()
    assert published["type"] == "article.published"
    assert published["new_path"] == "/vi/tin-tuc/tin-moi/"
    assert (moved["type"], moved["old_path"], moved["new_path"]) == (
        "article.moved",
        "/vi/tin-tuc/tin-cu/",
        "/vi/tin-tuc/tin-moi/",
    )

    section = news_index.specific
    section.slug = "thoi-su"
    with committed():
        section.save_revision().publish()
    renamed = receiver.events()[-1]
    assert (renamed["old_path"], renamed["new_path"]) == (
        "/vi/tin-tuc/tin-moi/",
        "/vi/thoi-su/tin-moi/",
    )


def test_a_translation_names_its_locale_and_the_translations_to_refetch(
    receiver, article, committed
):
    english = Locale.objects.get_or_create(language_code="en")[0]
    endpoint_for(receiver.url)
    with committed():
        translation = translate(article, english)
    event = receiver.events()[-1]
    assert event["article"]["id"] == translation.pk
    assert event["article"]["locale"] == "en"
    assert event["article"]["translation_key"] == str(article.translation_key)
    assert event["new_path"] == f"/en/tin-tuc/{translation.slug}/"
    assert f"{API}/news/{article.pk}/" in event["api_urls"]  # the Vietnamese one lists it


def test_an_expired_article_sends_unpublished_when_publish_scheduled_runs(
    receiver, news_index, committed
):
    page = make_news(news_index, "Tin hết hạn", expire_at=timezone.now() + timedelta(hours=1))
    endpoint_for(receiver.url)
    with time_machine.travel(timezone.now() + timedelta(hours=2)), committed():
        call_command("publish_scheduled", stdout=None)
    (event,) = receiver.events()
    assert event["type"] == "article.unpublished"
    assert event["old_path"] == f"/vi/tin-tuc/{page.slug}/"


# Private and scheduled articles never leak


def test_a_private_article_is_announced_without_its_path_or_content(
    receiver, news_index, committed
):
    private = make_index("Nội bộ", "noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    endpoint_for(receiver.url)
    with committed():
        page = make_news(private, "Kế hoạch mật")
    (event,) = receiver.events()
    body = receiver.received[0]["body"].decode()
    assert event["type"] == "article.published"
    assert event["article"]["public"] is False
    assert (event["old_path"], event["new_path"]) == (None, None)
    assert page.slug not in body and "Kế hoạch" not in body
    assert f"{API}/news/{page.pk}/" in event["api_urls"]  # the public API answers 404 there

    with committed():
        page.unpublish()
    assert page.slug not in receiver.received[1]["body"].decode()


def test_a_private_translation_leaks_no_path_in_the_events_of_its_original(
    receiver, article, committed
):
    translation = translate(article, Locale.objects.get_or_create(language_code="en")[0])
    PageViewRestriction.objects.create(page=translation, restriction_type="login")
    endpoint_for(receiver.url)
    with committed():
        article.save_revision().publish()
    (event,) = receiver.events()
    assert event["new_path"] == f"/vi/tin-tuc/{article.slug}/"
    assert f"{API}/news/{translation.pk}/" in event["api_urls"]
    assert "%2Fen%2F" not in receiver.received[0]["body"].decode()


def test_a_scheduled_article_sends_nothing_until_it_goes_live(receiver, news_index, committed):
    endpoint_for(receiver.url)
    go_live = timezone.now() + timedelta(days=2)
    page = make_news(news_index, "Tin hẹn giờ", publish=False)
    page.go_live_at = go_live
    with committed():
        page.save_revision().publish()
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()

    with time_machine.travel(go_live + timedelta(minutes=1)), committed():
        call_command("publish_scheduled", stdout=None)
    (event,) = receiver.events()
    assert event["type"] == "article.published"
    assert event["new_path"] == f"/vi/tin-tuc/{page.slug}/"


# Admin


def test_the_admin_never_shows_the_secret_and_keeps_it_when_left_empty(editor_client):
    endpoint = endpoint_for("https://frontend.example.gov.vn/api/revalidate")
    url = f"/admin/webhook_endpoints/edit/{endpoint.pk}/"
    page = editor_client.get(url).content.decode()
    assert SECRET not in page
    assert "••••" + SECRET[-4:] in page

    form = {
        "description": "Next.js",
        "url": endpoint.url,
        "is_active": "on",
        "events": ["article.published", "article.deleted"],
        "secret": "",
    }
    assert editor_client.post(url, form).status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.description, endpoint.secret) == ("Next.js", SECRET)
    assert endpoint.events == ["article.published", "article.deleted"]

    listing = editor_client.get("/admin/webhook_endpoints/").content.decode()
    assert SECRET not in listing

    not_http = editor_client.post(url, {**form, "url": "ftp://files.example.gov.vn/"})
    assert not_http.status_code == 200
    assert "url" in not_http.context["form"].errors

    too_short = editor_client.post(url, {**form, "secret": "short"})
    assert too_short.status_code == 200
    endpoint.refresh_from_db()
    assert endpoint.secret == SECRET


def test_a_new_endpoint_needs_a_secret(editor_client):
    form = {"description": "Build hook", "url": "https://ci.example/hook", "events": []}
    response = editor_client.post("/admin/webhook_endpoints/new/", form)
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()
    form |= {"events": ["article.published"], "secret": SECRET}
    assert editor_client.post("/admin/webhook_endpoints/new/", form).status_code == 302
    assert WebhookEndpoint.objects.get().secret == SECRET


def test_an_admin_sends_a_test_event_from_the_endpoint(editor_client, receiver):
    endpoint = endpoint_for(receiver.url, events=[])
    edit = editor_client.get(f"/admin/webhook_endpoints/edit/{endpoint.pk}/").content.decode()
    ping_url = f"/admin/webhook_endpoints/ping/{endpoint.pk}/"
    assert ping_url in edit
    confirm = editor_client.get(ping_url)
    assert confirm.status_code == 200
    assert receiver.received == []  # looking at the page sends nothing

    answer = editor_client.post(ping_url, follow=True)
    # The admin speaks the site's language (Vietnamese) to this editor.
    assert "Điểm nhận trả lời 200" in html.unescape(answer.content.decode())
    (event,) = receiver.events()
    assert event["type"] == "endpoint.ping"

    endpoint.url = f"http://127.0.0.1:{free_port()}/"
    endpoint.save()
    refused = html.unescape(editor_client.post(ping_url, follow=True).content.decode())
    assert "Điểm nhận không chấp nhận" in refused


def test_only_those_who_may_edit_endpoints_send_test_events(client, receiver):
    endpoint = endpoint_for(receiver.url)
    editor = get_user_model().objects.create_user("reporter", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.post(f"/admin/webhook_endpoints/ping/{endpoint.pk}/").status_code in (302, 403)
    assert receiver.received == []


def test_admins_see_the_delivery_log_read_only(editor_client, news_index, committed):
    endpoint_for(f"http://127.0.0.1:{free_port()}/")
    with committed():
        make_news(news_index)
    attempt = WebhookAttempt.objects.get()
    listing = editor_client.get("/admin/webhook_log/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Frontend" in page and "article.published" in page
    assert attempt.error[:20] in page
    inspect = editor_client.get(f"/admin/webhook_log/inspect/{attempt.pk}/")
    assert inspect.status_code == 200
    sent = html.unescape(inspect.content.decode())
    assert f'"id": "{attempt.delivery.event_id}"' in sent  # the JSON sent, for debugging
    assert SECRET not in sent
    for path in ("new/", f"edit/{attempt.pk}/", f"delete/{attempt.pk}/"):
        response = editor_client.get(f"/admin/webhook_log/{path}")
        assert response.status_code in (302, 403), path
    editor_client.post(f"/admin/webhook_log/delete/{attempt.pk}/")
    assert WebhookAttempt.objects.filter(pk=attempt.pk).exists()


# The reference frontend's receiver (Node)

FRONTEND = Path(__file__).resolve().parent.parent / "example_project" / "frontend"


@pytest.fixture
def node_receiver(tmp_path):
    """example_project/frontend/scripts/webhook-receiver.mjs on a free port; its rebuild
    command appends each run to a file."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    built = tmp_path / "rebuilds.txt"
    env = os.environ | {
        "GOVNEWS_WEBHOOK_SECRET": f"old-secret-000000000000000000,{SECRET}",
        "WEBHOOK_PORT": "0",
        "REVALIDATE_COMMAND": f"echo rebuilt >> {built}",
        "REVALIDATE_DELAY_MS": "50",
    }
    process = subprocess.Popen(
        ["node", "scripts/webhook-receiver.mjs"],
        cwd=FRONTEND,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().split()[-1]
        yield url, built
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_lines(path: Path, count: int) -> list[str]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = path.read_text().splitlines() if path.exists() else []
        if len(lines) >= count:
            return lines
        time.sleep(0.05)
    return lines


@pytest.mark.slow
def test_the_reference_frontend_verifies_the_event_and_rebuilds(
    node_receiver, news_index, committed
):
    url, built = node_receiver
    endpoint_for(url)
    with committed():
        make_news(news_index)
    attempt = WebhookAttempt.objects.get()
    assert (attempt.succeeded, attempt.status_code) == (True, 202)
    assert wait_for_lines(built, 1) == ["rebuilt"]

    # A tampered body, a wrong secret and a replayed delivery are refused or ignored.
    body = json.dumps(attempt.delivery.payload).encode()
    header = signature_header([SECRET], body)

    def post(data: bytes, signature: str) -> int:
        request = urllib.request.Request(
            url, data=data, headers={"X-GovNews-Signature": signature}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert post(body.replace(b"article.published", b"article.deleted"), header) == 401
    assert post(body, signature_header(["wrong-secret-0000000000000000"], body)) == 401
    assert post(body, header) == 200  # the same event id again: no second rebuild
    time.sleep(0.3)
    assert built.read_text().splitlines() == ["rebuilt"]

    out = StringIO()
    call_command("govnews_webhooks", ping=attempt.delivery.endpoint_id, stdout=out)
    assert "answered 200" in out.getvalue()  # a test event: answered, nothing rebuilt
    time.sleep(0.3)
    assert built.read_text().splitlines() == ["rebuilt"]


def test_the_webhook_admin_speaks_vietnamese(editor_client):
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = "vi"
    profile.save()
    endpoint = endpoint_for("https://frontend.example.gov.vn/api/revalidate")
    form = html.unescape(
        editor_client.get(f"/admin/webhook_endpoints/edit/{endpoint.pk}/").content.decode()
    )
    for text in ("Khóa bí mật ký", "Bài viết được xuất bản", "Bài viết bị xóa", "Sự kiện"):
        assert text in form
    assert "Signing secret" not in form and "Article published" not in form
    log = html.unescape(editor_client.get("/admin/webhook_log/").content.decode())
    assert "Nhật ký gửi webhook" in log
