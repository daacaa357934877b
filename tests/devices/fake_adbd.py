"""A fake adbd on loopback speaking the ADB wire protocol, so that the real clients
(adb-shell, and Debian's own ``adb``) connect to it as to a phone in ``adb tcpip``.

Messages are the 24-byte header (command, arg0, arg1, length, checksum, magic) plus
payload: CNXN, AUTH (token, signature checked against known RSA keys, new public key
accepted or left pending as the "Allow USB debugging?" dialog would), OPEN, OKAY,
WRTE, CLSE; services "shell:" (answered from a recorded phone) and "sync:" (STAT,
LIST, RECV, SEND on an in-memory file system). ``unplug()`` drops every connection.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import socket
import socketserver
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

from devices.replay import Recording, answer_batch

A_CNXN, A_AUTH, A_OPEN, A_OKAY, A_CLSE, A_WRTE = (
    int.from_bytes(name, "little")
    for name in (b"CNXN", b"AUTH", b"OPEN", b"OKAY", b"CLSE", b"WRTE")
)
AUTH_TOKEN, AUTH_SIGNATURE, AUTH_RSAPUBLICKEY = 1, 2, 3
VERSION = 0x01000000
MAX_PAYLOAD = 256 * 1024
AUTH_MODES = ("none", "keys", "pending", "approve")


def pack(command: int, arg0: int, arg1: int, data: bytes = b"") -> bytes:
    checksum = sum(data) & 0xFFFFFFFF
    header = struct.pack("<6I", command, arg0, arg1, len(data), checksum, command ^ 0xFFFFFFFF)
    return header + data


def adb_public_key(text: str) -> rsa.RSAPublicKey:
    """The RSA key in adb's public-key format (base64 of modulus words, then a name)."""
    blob = base64.b64decode(text.strip().split()[0])
    (words,) = struct.unpack_from("<I", blob, 0)
    modulus = int.from_bytes(blob[8 : 8 + words * 4], "little")
    (exponent,) = struct.unpack_from("<I", blob, 8 + words * 8)
    return rsa.RSAPublicNumbers(exponent, modulus).public_key()


@dataclass
class _Stream:
    local_id: int
    remote_id: int
    service: str
    buffer: bytes = b""
    closed: bool = False
    acked: threading.Event = field(default_factory=threading.Event)


class FakeAdbd:
    """One fake Android phone. ``auth`` is "none" (no key needed), "keys" (only keys in
    ``authorized``), "pending" (a new key waits for a tap that never comes) or
    "approve" (a new key is approved after ``approve_after_s``)."""

    def __init__(
        self,
        recording: Recording,
        auth: str = "keys",
        latency_s: float = 0.0,
        approve_after_s: float = 0.0,
    ) -> None:
        assert auth in AUTH_MODES
        self.outputs: dict[str, str] = recording.data["shell"]
        self.props = dict(re.findall(r"^\[([^\]]+)\]: \[(.*)\]$", self.outputs["getprop"], re.M))
        self.auth = auth
        self.latency_s = latency_s
        self.approve_after_s = approve_after_s
        self.authorized: list[str] = []
        self.files: dict[str, bytes] = {
            "/sys/class/power_supply/battery/uevent": self.outputs.get("uevent", "").encode(),
        }
        self.commands: list[str] = []
        self.unplug_after: int | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        fake = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with fake._lock:
                    fake._sockets.add(self.request)
                try:
                    _Connection(fake, self.request).run()
                except (OSError, struct.error):
                    pass
                finally:
                    with fake._lock:
                        fake._sockets.discard(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.port = int(self._server.server_address[1])

    @property
    def banner(self) -> bytes:
        props = ";".join(
            f"{key}={self.props.get(key, '')}"
            for key in ("ro.product.name", "ro.product.model", "ro.product.device")
        )
        return f"device::{props};features=cmd\0".encode()

    def run(self, command: str) -> str:
        """What the phone prints for a shell command."""
        with self._lock:
            self.commands.append(command)
        if command.startswith("echo @@"):
            return answer_batch(self.outputs, command)
        prop = re.fullmatch(r"getprop\s+(\S+)", command.strip())
        if prop:
            return self.props.get(prop[1], "") + "\n"
        if command.strip() == "getprop":
            return self.outputs["getprop"] + "\n"
        removed = re.fullmatch(r"rm -rf (\S+)", command.strip())
        if removed:  # on the file system the sync service serves
            with self._lock:
                for path in [p for p in self.files if p.startswith(removed[1] + "/")]:
                    del self.files[path]
            return ""
        return self.outputs.get(
            command, f"/system/bin/sh: {command.split(maxsplit=1)[0]}: not found\n"
        )

    def unplug(self) -> None:
        """Drop every connection, as a pulled cable does."""
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    close = unplug


class _Connection:
    def __init__(self, fake: FakeAdbd, sock: socket.socket) -> None:
        self.fake = fake
        self.sock = sock
        self.streams: dict[int, _Stream] = {}
        self.next_id = 1
        self.token = os.urandom(20)
        self.online = False
        self.max_payload = 4096

    def read(self) -> tuple[int, int, int, bytes] | None:
        header = self._exactly(24)
        if header is None:
            return None
        command, arg0, arg1, length, _checksum, magic = struct.unpack("<6I", header)
        if magic != command ^ 0xFFFFFFFF:
            raise OSError("bad magic")
        data = self._exactly(length) if length else b""
        return (command, arg0, arg1, data or b"")

    def _exactly(self, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def send(self, command: int, arg0: int, arg1: int, data: bytes = b"") -> None:
        self.sock.sendall(pack(command, arg0, arg1, data))

    def run(self) -> None:
        while (message := self.read()) is not None:
            command, arg0, arg1, data = message
            if command == A_CNXN:
                self.max_payload = min(arg1 or 4096, MAX_PAYLOAD)
                self._on_connect()
            elif command == A_AUTH:
                self._on_auth(arg0, data)
            elif not self.online:
                continue
            elif command == A_OPEN:
                self._on_open(arg0, data.rstrip(b"\0").decode())
            elif command == A_WRTE:
                self._on_write(arg1, data)
            elif command == A_OKAY:
                stream = self.streams.get(arg1)
                if stream:
                    stream.acked.set()
            elif command == A_CLSE:
                stream = self.streams.pop(arg1, None)
                if stream is not None and not stream.closed:
                    self.send(A_CLSE, stream.local_id, stream.remote_id)

    # --- connection and authentication ----------------------------------------------

    def _on_connect(self) -> None:
        if self.fake.auth == "none":
            self._online()
        else:
            self.send(A_AUTH, AUTH_TOKEN, 0, self.token)

    def _online(self) -> None:
        self.online = True
        self.send(A_CNXN, VERSION, MAX_PAYLOAD, self.fake.banner)

    def _on_auth(self, kind: int, data: bytes) -> None:
        if kind == AUTH_SIGNATURE:
            if any(self._verify(key, data) for key in self.fake.authorized):
                self._online()
            else:
                self.token = os.urandom(20)
                self.send(A_AUTH, AUTH_TOKEN, 0, self.token)
        elif kind == AUTH_RSAPUBLICKEY:
            key = data.rstrip(b"\0").decode()
            if self.fake.auth == "approve":
                time.sleep(self.fake.approve_after_s)
                self.fake.authorized.append(key)
                self._online()
            # "pending": the dialog stays on screen; the client's wait runs out.

    def _verify(self, key: str, signature: bytes) -> bool:
        try:
            public = adb_public_key(key)
            # adbd signs the token as if it were a SHA-1 digest (RSA_sign NID_sha1).
            public.verify(signature, self.token, padding.PKCS1v15(), utils.Prehashed(hashes.SHA1()))
        except Exception:
            return False
        return True

    # --- streams -----------------------------------------------------------------------

    def _on_open(self, remote_id: int, service: str) -> None:
        local_id = self.next_id
        self.next_id += 1
        with self.fake._lock:
            limit = self.fake.unplug_after
            if limit is not None:
                self.fake.unplug_after = limit - 1
        if limit is not None and limit <= 0:
            threading.Thread(target=self.fake.unplug, daemon=True).start()
            return
        stream = _Stream(local_id, remote_id, service)
        self.streams[local_id] = stream
        self.send(A_OKAY, local_id, remote_id)
        if service.startswith("shell:"):
            if self.fake.latency_s:
                time.sleep(self.fake.latency_s)
            threading.Thread(target=self._shell, args=(stream,), daemon=True).start()
        elif service != "sync:":
            self.send(A_CLSE, local_id, remote_id)

    def _shell(self, stream: _Stream) -> None:
        output = self.fake.run(stream.service.removeprefix("shell:")).encode()
        try:
            self._write_all(stream, output)
            stream.closed = True
            self.send(A_CLSE, stream.local_id, stream.remote_id)
        except OSError:
            pass

    def _write_all(self, stream: _Stream, data: bytes) -> None:
        for start in range(0, len(data), self.max_payload):
            stream.acked.clear()
            self.send(
                A_WRTE, stream.local_id, stream.remote_id, data[start : start + self.max_payload]
            )
            if not stream.acked.wait(10):
                raise OSError("client stopped acknowledging")

    def _on_write(self, local_id: int, data: bytes) -> None:
        stream = self.streams.get(local_id)
        if stream is None:
            return
        self.send(A_OKAY, stream.local_id, stream.remote_id)
        if stream.service == "sync:":
            stream.buffer += data
            self._sync(stream)

    # --- file sync ---------------------------------------------------------------------

    def _sync(self, stream: _Stream) -> None:
        while len(stream.buffer) >= 8:
            request, length = struct.unpack("<4sI", stream.buffer[:8])
            if request in {b"DATA", b"DONE"}:
                if not self._sync_push(stream):
                    return
                continue
            if len(stream.buffer) < 8 + length:
                return
            path = stream.buffer[8 : 8 + length].decode()
            stream.buffer = stream.buffer[8 + length :]
            reply = self._sync_request(stream, request, path)
            if reply:
                threading.Thread(target=self._write_all, args=(stream, reply), daemon=True).start()

    def _sync_request(self, stream: _Stream, request: bytes, path: str) -> bytes:
        files = self.fake.files
        if request == b"STAT":
            data = files.get(path)
            mode = 0o100644 if data is not None else 0
            return struct.pack(
                "<4sIII", b"STAT", mode, len(data or b""), int(time.time()) if data else 0
            )
        if request == b"LIST":
            prefix = path.rstrip("/") + "/"
            entries = b""
            for name, data in sorted(files.items()):
                if name.startswith(prefix) and "/" not in name[len(prefix) :]:
                    leaf = name[len(prefix) :].encode()
                    entries += (
                        struct.pack("<4sIIII", b"DENT", 0o100644, len(data), 0, len(leaf)) + leaf
                    )
            return entries + struct.pack("<4sIIII", b"DONE", 0, 0, 0, 0)
        if request == b"RECV":
            if path not in files:
                message = b"No such file or directory"
                return struct.pack("<4sI", b"FAIL", len(message)) + message
            data = files[path]
            chunks = b"".join(
                struct.pack("<4sI", b"DATA", len(data[i : i + 64000])) + data[i : i + 64000]
                for i in range(0, len(data), 64000)
            )
            return chunks + struct.pack("<4sI", b"DONE", 0)
        if request == b"QUIT":
            stream.closed = True
            self.send(A_CLSE, stream.local_id, stream.remote_id)
            return b""
        if request == b"SEND":
            stream.service = "sync:"
            self._push_path = path.rsplit(",", 1)[0]
            self._push_data = b""
            return b""
        return b""

    def _sync_push(self, stream: _Stream) -> bool:
        request, length = struct.unpack("<4sI", stream.buffer[:8])
        if request == b"DONE":
            stream.buffer = stream.buffer[8:]
            self.fake.files[self._push_path] = self._push_data
            threading.Thread(
                target=self._write_all,
                args=(stream, struct.pack("<4sI", b"OKAY", 0)),
                daemon=True,
            ).start()
            return True
        if len(stream.buffer) < 8 + length:
            return False
        self._push_data += stream.buffer[8 : 8 + length]
        stream.buffer = stream.buffer[8 + length :]
        return True


def adb_key_text(public: Any) -> str:
    """Helper for tests: adb's public-key text of an adb-shell signer."""
    key = public.GetPublicKey()
    return key.decode() if isinstance(key, bytes) else str(key)
