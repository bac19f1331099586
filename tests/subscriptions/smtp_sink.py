"""A real SMTP server on loopback (aiosmtpd) that records what it accepts."""

import asyncio
import socket
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (recipient, parsed message), one per accepted copy
        self.refuse = {}  # recipient -> list of RCPT answers to give first, e.g. ["451 ..."]
        self.refuse_data = {}  # recipient -> list of answers to its message (DATA) to give first
        self.refused_at = []  # (time.time(), recipient, answer) of each refused message
        self.times = []  # time.time() of each accepted copy, in the order of `messages`
        self.hold_after = None  # hold the next DATA once this many messages were accepted
        self.holding = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            answers = self.refuse.get(address)
            if answers:
                return answers.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.holding.set()
            # Never answer: the client must die waiting. aiosmtpd cancels this coroutine when
            # the connection drops, so the message is not accepted, as with a real server.
            while self.hold_after is not None:
                await asyncio.sleep(0.05)
        with self.lock:
            answers = self.refuse_data.get(envelope.rcpt_tos[0])
            if answers:
                answer = answers.pop(0)
                self.refused_at.append((time.time(), envelope.rcpt_tos[0], answer))
                return answer
        received = time.time()
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt, message))
                self.times.append(received)
        return "250 2.0.0 Accepted"

    def to(self, address):
        with self.lock:
            return [m for rcpt, m in self.messages if rcpt == address]

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


def start_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    return sink, controller
