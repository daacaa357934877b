"""A fake iPhone lockdownd on loopback that pymobiledevice3 really connects to.

It speaks lockdown's framing (a 4-byte big-endian length, then an XML plist) and the
requests the probe uses: QueryType, GetValue (by domain and key), Pair (with the trust
dialog pending, declined, passcode-locked, or accepted), StartSession (sessions are
plain: EnableSessionSSL false), and StartService for the diagnostics relay
(IORegistry), MCInstall (cloud configuration, profile list) and installation_proxy
(Lookup); each service listens on its own port. Answers come from a recording in
resources/devices. ``unplug()`` drops every connection, as a pulled cable does.
"""

from __future__ import annotations

import contextlib
import plistlib
import socket
import socketserver
import struct
import threading
import time
import uuid
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from devices.replay import Recording

PAIR_MODES = ("accept", "pending", "denied", "passcode")


def read_plist(sock: socket.socket) -> dict[str, Any] | None:
    header = _read_exactly(sock, 4)
    if header is None:
        return None
    (length,) = struct.unpack(">L", header)
    body = _read_exactly(sock, length)
    return None if body is None else plistlib.loads(body)


def write_plist(sock: socket.socket, value: dict[str, Any]) -> None:
    body = plistlib.dumps(value)
    sock.sendall(struct.pack(">L", len(body)) + body)


def _read_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class FakeLockdownd:
    """One fake iPhone. ``paired_host_ids`` holds the hosts it trusts; ``pair_mode``
    says what its "Trust this computer?" dialog does for a new host."""

    def __init__(
        self, recording: Recording, pair_mode: str = "accept", latency_s: float = 0.0
    ) -> None:
        assert pair_mode in PAIR_MODES
        self.data = recording.data
        self.pair_mode = pair_mode
        self.latency_s = latency_s
        self.paired_host_ids: set[str] = set()
        self.requests: list[str] = []
        self.unplug_after: int | None = None
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._servers: list[_Server] = []
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.port = self._listen(self._lockdown)

    # --- life cycle ------------------------------------------------------------------

    def pair_record(self) -> dict[str, Any]:
        """A pair record this phone accepts (as if paired before)."""
        host_id = str(uuid.uuid4()).upper()
        self.paired_host_ids.add(host_id)
        return {"HostID": host_id, "SystemBUID": str(uuid.uuid4()).upper()}

    def unplug(self) -> None:
        """Drop every connection and stop answering."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        with self._lock:
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    close = unplug

    def _listen(self, handle: Any) -> int:
        fake = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with fake._lock:
                    fake._sockets.add(self.request)
                try:
                    handle(self.request)
                except OSError:
                    pass
                finally:
                    with fake._lock:
                        fake._sockets.discard(self.request)

        server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._servers.append(server)
        return int(server.server_address[1])

    def _serve(self, sock: socket.socket, answer: Any) -> None:
        while True:
            request = read_plist(sock)
            if request is None:
                return
            name = str(
                request.get("Request") or request.get("RequestType") or request.get("Command")
            )
            with self._lock:
                self.requests.append(name)
                if self.unplug_after is not None and len(self.requests) > self.unplug_after:
                    threading.Thread(target=self.unplug, daemon=True).start()
                    return
            if self.latency_s:
                time.sleep(self.latency_s)
            reply = answer(request)
            if reply is None:
                return
            write_plist(sock, reply)

    # --- lockdownd -------------------------------------------------------------------

    def _lockdown(self, sock: socket.socket) -> None:
        self._serve(sock, self._answer)

    def _answer(self, request: dict[str, Any]) -> dict[str, Any] | None:
        kind = request.get("Request")
        base = {"Request": kind}
        if kind == "QueryType":
            return {**base, "Type": "com.apple.mobile.lockdown"}
        if kind == "GetValue":
            return {**base, **self._get_value(request.get("Domain"), request.get("Key"))}
        if kind == "Pair":
            return {**base, **self._pair(request)}
        if kind == "StartSession":
            if request.get("HostID") not in self.paired_host_ids:
                return {**base, "Error": "InvalidHostID"}
            return {**base, "SessionID": str(uuid.uuid4()), "EnableSessionSSL": False}
        if kind == "StopSession":
            return base
        if kind == "StartService":
            return {**base, **self._start_service(str(request.get("Service")))}
        return {**base, "Error": "UnknownRequest"}

    def _get_value(self, domain: str | None, key: str | None) -> dict[str, Any]:
        if domain:
            values = self.data.get("domains", {}).get(domain)
            if values is None:
                return {"Error": "MissingValue"}
        else:
            public = self._key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.PKCS1
            )
            values = {**self.data["lockdown"], "DevicePublicKey": public}
        if key is None:
            return {"Value": values}
        if key not in values:
            return {"Error": "MissingValue"}
        return {"Value": values[key]}

    def _pair(self, request: dict[str, Any]) -> dict[str, Any]:
        errors = {
            "pending": "PairingDialogResponsePending",
            "denied": "UserDeniedPairing",
            "passcode": "PasswordProtected",
        }
        if self.pair_mode in errors:
            return {"Error": errors[self.pair_mode]}
        self.paired_host_ids.add(request["PairRecord"]["HostID"])
        return {"EscrowBag": b"\x00" * 16}

    def _start_service(self, name: str) -> dict[str, Any]:
        handlers = {
            "com.apple.mobile.diagnostics_relay": self._diagnostics,
            "com.apple.mobile.MCInstall": self._mc_install,
            "com.apple.mobile.installation_proxy": self._installation_proxy,
        }
        if name not in handlers:
            return {"Error": "InvalidService"}
        port = self._listen(lambda sock: self._serve(sock, handlers[name]))
        return {"Port": port, "Service": name, "EnableServiceSSL": False}

    # --- services ----------------------------------------------------------------------

    def _diagnostics(self, request: dict[str, Any]) -> dict[str, Any] | None:
        if request.get("Request") == "Goodbye":
            return {"Status": "Success"}
        if request.get("Request") != "IORegistry":
            return {"Status": "UnknownRequest"}
        battery = self.data.get("battery")
        if battery is None:
            return {"Status": "Failure"}
        return {"Status": "Success", "Diagnostics": {"IORegistry": battery}}

    def _mc_install(self, request: dict[str, Any]) -> dict[str, Any] | None:
        kind = request.get("RequestType")
        if kind == "GetCloudConfiguration":
            return {
                "Status": "Acknowledged",
                "CloudConfiguration": self.data.get("cloud_configuration", {}),
            }
        if kind == "GetProfileList":
            return {"Status": "Acknowledged", **self.data.get("profiles", {})}
        return {"Status": "Acknowledged"}

    def _installation_proxy(self, request: dict[str, Any]) -> dict[str, Any] | None:
        if request.get("Command") != "Lookup":
            return {"Status": "Complete", "Error": "UnknownCommand"}
        apps = {bundle: {"CFBundleIdentifier": bundle} for bundle in self.data.get("apps", [])}
        return {"Status": "Complete", "LookupResult": apps}
