"""A fake usbmuxd on loopback that pymobiledevice3 really talks to (point it here with
``USBMUXD_SOCKET_ADDRESS=127.0.0.1:PORT``, which pymobiledevice3 honours as libusbmuxd
does).

It speaks usbmuxd's plist protocol: each packet is a 16-byte little-endian header
(length, version 1, message 8 = plist, tag) and an XML plist. It answers ReadBUID,
ListDevices, ReadPairRecord (none kept: the station keeps its own), SavePairRecord
and Listen; Connect to a phone's port splices the connection to a `FakeLockdownd`
(lockdownd's port 62078 to the fake's lockdown port, any other port to the same port
on loopback, where the fake's services listen). ``plug`` and ``unplug`` change what
ListDevices reports.
"""

from __future__ import annotations

import contextlib
import plistlib
import socket
import socketserver
import struct
import threading
from typing import Any

from tests.devices.fake_lockdownd import FakeLockdownd, _read_exactly

LOCKDOWN_PORT = 62078
HEADER = struct.Struct("<IIII")  # length (header included), version, message, tag
PLIST_VERSION = 1
PLIST_MESSAGE = 8


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class FakeUsbmuxd:
    def __init__(self) -> None:
        self.phones: dict[int, tuple[str, FakeLockdownd]] = {}
        self.requests: list[str] = []
        self._next_id = 1
        self._lock = threading.Lock()
        fake = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with contextlib.suppress(OSError):
                    fake._serve(self.request)

        self._server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.address = f"127.0.0.1:{self._server.server_address[1]}"

    def plug(self, udid: str, phone: FakeLockdownd) -> int:
        with self._lock:
            device_id = self._next_id
            self._next_id += 1
            self.phones[device_id] = (udid, phone)
        return device_id

    def unplug(self, device_id: int) -> None:
        with self._lock:
            self.phones.pop(device_id, None)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _serve(self, sock: socket.socket) -> None:
        while True:
            header = _read_exactly(sock, HEADER.size)
            if header is None:
                return
            length, _version, _message, tag = HEADER.unpack(header)
            body = _read_exactly(sock, length - HEADER.size)
            if body is None:
                return
            request = plistlib.loads(body)
            kind = str(request.get("MessageType"))
            with self._lock:
                self.requests.append(kind)
            if kind == "Connect":
                target = self._target(int(request["DeviceID"]), int(request["PortNumber"]))
                if target is None:
                    _reply(sock, tag, {"MessageType": "Result", "Number": 3})  # refused
                    continue
                _reply(sock, tag, {"MessageType": "Result", "Number": 0})
                _splice(sock, target)
                return
            _reply(sock, tag, self._answer(kind, request))

    def _answer(self, kind: str, request: dict[str, Any]) -> dict[str, Any]:
        if kind == "ReadBUID":
            return {"BUID": "00000000-0000-0000-0000-00000000F4CE"}
        if kind == "ListDevices":
            with self._lock:
                phones = list(self.phones.items())
            return {
                "DeviceList": [
                    {
                        "MessageType": "Attached",
                        "DeviceID": device_id,
                        "Properties": {
                            "ConnectionType": "USB",
                            "DeviceID": device_id,
                            "SerialNumber": udid,
                            "ProductID": 0x12A8,
                        },
                    }
                    for device_id, (udid, _) in phones
                ]
            }
        if kind == "ReadPairRecord":
            return {"MessageType": "Result", "Number": 2}  # none: no PairRecordData
        if kind in ("SavePairRecord", "Listen"):
            return {"MessageType": "Result", "Number": 0}
        return {"MessageType": "Result", "Number": 1}  # bad command

    def _target(self, device_id: int, network_port: int) -> socket.socket | None:
        with self._lock:
            phone = self.phones.get(device_id)
        if phone is None:
            return None
        port = socket.ntohs(network_port)
        port = phone[1].port if port == LOCKDOWN_PORT else port
        try:
            return socket.create_connection(("127.0.0.1", port))
        except OSError:
            return None


def _reply(sock: socket.socket, tag: int, answer: dict[str, Any]) -> None:
    body = plistlib.dumps(answer)
    sock.sendall(HEADER.pack(HEADER.size + len(body), PLIST_VERSION, PLIST_MESSAGE, tag) + body)


def _splice(client: socket.socket, phone: socket.socket) -> None:
    """Copy bytes both ways until either side closes, as usbmuxd does after Connect."""

    def pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        for end in (sink, source):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    back = threading.Thread(target=pump, args=(phone, client), daemon=True)
    back.start()
    pump(client, phone)
    back.join()
    phone.close()
