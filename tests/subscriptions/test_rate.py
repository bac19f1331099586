"""The shared sending rate (subscriptions/rate.py): on a real Redis, and in-process."""

import random
import smtplib
import threading
import time

import pytest
from anymail.exceptions import AnymailAPIError

from subscriptions import rate
from subscriptions.services import is_slow_down


def busiest_second(times: list[float]) -> int:
    """The most moments in any one-second window [t, t + 1)."""
    times = sorted(times)
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


@pytest.fixture(params=["redis", "local"])
def make_limiter(request):
    """Limiters that keep one rate together: on Redis each has its own connection, as workers
    on several hosts do; in-process they are one (the threads of one process)."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")

        def new():
            return rate.RedisRate(rate.redis_client(url))
    else:
        local = rate.LocalRate()

        def new():
            return local

    def make(per_second: int):
        limiter = new()
        limiter.rate = per_second
        return limiter

    new().clear()
    yield make
    new().clear()


def test_workers_together_never_exceed_the_rate_in_any_second_and_come_close_to_it(make_limiter):
    per_second, seconds = 40, 2.0
    limiters = [make_limiter(per_second) for _ in range(3)]
    received, lock = [], threading.Lock()
    deadline = time.time() + seconds - 0.1  # the last burst starts at about 2 s

    def worker(limiter):
        while time.time() < deadline:
            with limiter.slot():
                # A send: the provider counts it at some moment before its answer.
                time.sleep(random.uniform(0, 0.002))
                with lock:
                    received.append(time.time())
                time.sleep(random.uniform(0, 0.002))

    threads = [threading.Thread(target=worker, args=(limiter,)) for limiter in limiters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert busiest_second(received) <= per_second
    start = min(received)
    achieved = sum(1 for t in received if t < start + seconds) / seconds
    assert achieved >= 0.9 * per_second


def test_a_pause_stops_every_limiter_and_is_never_shortened(make_limiter):
    one, other = make_limiter(100), make_limiter(100)
    one.pause(0.5)
    one.pause(0.1)
    with pytest.raises(rate.Paused) as paused, other.slot():
        pass
    assert 0.3 < paused.value.seconds <= 0.5
    assert 0.3 < other.paused_for() <= 0.5


def test_without_a_rate_a_slot_asks_nothing_and_a_pause_is_still_shared(make_limiter):
    limiter = make_limiter(0)
    with limiter.slot():
        pass
    limiter.pause(0.5)
    with limiter.slot():  # no rate: the sender checks the pause once per batch instead
        pass
    assert limiter.paused_for() > 0.3


def test_with_a_rate_an_unreachable_redis_pauses_sending_and_without_one_it_does_not(settings):
    settings.SUBSCRIPTIONS_RETRY_BASE_SECONDS = 30
    limiter = rate.RedisRate(rate.redis_client("redis://127.0.0.1:9/0"), rate=10)
    with pytest.raises(rate.Paused) as paused, limiter.slot():
        pass
    assert paused.value.seconds == 30
    limiter.rate = 0
    assert limiter.paused_for() == 0
    with limiter.slot():
        pass


def test_limiter_follows_the_settings(settings, redis_url):
    settings.REDIS_URL, settings.SUBSCRIPTIONS_MAX_RATE = redis_url, 12
    assert isinstance(rate.limiter(), rate.RedisRate)
    assert rate.limiter().rate == 12
    settings.REDIS_URL = ""
    assert isinstance(rate.limiter(), rate.LocalRate)


def ses_throttled():
    response = {"Error": {"Code": "TooManyRequestsException"}, "ResponseMetadata": {}}
    response["ResponseMetadata"]["HTTPStatusCode"] = 429
    return AnymailAPIError("throttled", response=response)


@pytest.mark.parametrize(
    ("error", "slow_down"),
    [
        (smtplib.SMTPConnectError(421, b"4.7.0 too many connections"), True),
        (smtplib.SMTPSenderRefused(451, b"4.7.1 rate limited", "from@example.org"), True),
        (smtplib.SMTPDataError(452, b"4.3.1 insufficient storage"), True),
        (smtplib.SMTPDataError(454, b"Throttling failure: Maximum sending rate exceeded"), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (421, b"4.7.0 closing")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"4.7.1 greylisted")}), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 no such user")}), False),
        (smtplib.SMTPDataError(554, b"5.7.1 rejected"), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (AnymailAPIError("too many requests", status_code=429), True),
        (AnymailAPIError("bad request", status_code=400), False),
        (ses_throttled(), True),
    ],
)
def test_what_counts_as_a_providers_slow_down(error, slow_down):
    assert is_slow_down(error) is slow_down
