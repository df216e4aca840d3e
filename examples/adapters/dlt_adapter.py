#!/usr/bin/python3
"""dlt_adapter.py: a small server for the dlt-interop external adapter protocol, version 1
(docs/adapter-protocol.md), shared by the reference adapters in this folder.

An adapter subclasses Adapter, sets implementation, version, family, capabilities and params, and
writes one method op_NAME(args, deadline) per operation it serves (info, height, block, rpc, ...);
serve() binds a REP socket, answers hello, ping and every declared operation, turns AdapterError
(and any other exception) into the protocol's error replies, and publishes block announcements on
an optional PUB socket. Needs Debian's python3-zmq (pyzmq); nothing else beyond the standard
library.
"""
import base64
import json
import os
import signal
import sys
import time
import urllib.error
import urllib.request

import zmq

PROTOCOL = 1


class AdapterError(Exception):
    """An error reply: code is one of the protocol's codes (transport, timeout, protocol, rpc,
    unsupported, unknown_op, bad_args, limit, internal); rpc errors carry rpc_code and data."""

    def __init__(self, code, message, rpc_code=None, data=None):
        super().__init__(message)
        self.code, self.message, self.rpc_code, self.data = code, message, rpc_code, data


class Node:
    """A JSON-RPC client with deadlines: version "2.0" (Ethereum) or "1.0" (Bitcoin Core, with
    HTTP basic auth); parse_float=decimal.Decimal keeps amounts exact."""

    def __init__(self, url, version="2.0", user=None, password=None):
        self.url = url.rstrip("/")
        self.version = version
        self.next_id = 0
        self.auth = None
        if user is not None:
            self.auth = "Basic " + base64.b64encode(("%s:%s" % (user, password or "")).encode()).decode()

    def post(self, path, body, content_type, deadline):
        timeout = max(0.05, deadline - time.monotonic())
        req = urllib.request.Request(self.url + (path or ""), data=body, method="POST")
        req.add_header("Content-Type", content_type or "application/json")
        req.add_header("Accept", "application/json")
        if self.auth:
            req.add_header("Authorization", self.auth)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read(), r.headers.get("Content-Type")
        except urllib.error.HTTPError as e:
            return e.code, e.read(), e.headers.get("Content-Type")
        except TimeoutError:
            raise AdapterError("timeout", "the node at %s did not answer in time" % self.url)
        except (urllib.error.URLError, OSError) as e:
            if "timed out" in str(e):
                raise AdapterError("timeout", "the node at %s did not answer in time" % self.url)
            raise AdapterError("transport", "cannot reach the node at %s: %s" % (self.url, e))

    def call(self, method, params, deadline, path="", parse_float=None):
        self.next_id += 1
        body = json.dumps({"jsonrpc": self.version, "id": self.next_id, "method": method, "params": params},
                          default=str)
        status, data, _ = self.post(path, body.encode(), "application/json", deadline)
        try:
            doc = json.loads(data, parse_float=parse_float)
        except ValueError:
            raise AdapterError("protocol", "%s: the node's answer is not JSON (HTTP %d)" % (method, status))
        if not isinstance(doc, dict):
            raise AdapterError("protocol", "%s: the node's answer is not an object" % method)
        if "error" in doc and doc["error"] is not None:
            e = doc["error"]
            if not isinstance(e, dict):
                raise AdapterError("protocol", "%s: the error is not an object" % method)
            raise AdapterError("rpc", str(e.get("message", "")),
                               rpc_code=e.get("code") if isinstance(e.get("code"), int) else 0,
                               data=e.get("data"))
        if "result" not in doc:
            raise AdapterError("protocol", "%s: the answer has neither result nor error" % method)
        return doc["result"]



class Adapter:
    implementation = "unknown"
    version = ""
    family = "external"
    capabilities = []
    params = {}

    def operations(self):
        return sorted(n[3:] for n in dir(self) if n.startswith("op_"))

    def hello(self, args, pub):
        versions = args.get("protocols", [])
        if PROTOCOL not in versions:
            raise AdapterError("unsupported", "this adapter speaks protocol %d; the runner offers %r"
                               % (PROTOCOL, versions))
        return {"protocol": PROTOCOL, "implementation": self.implementation,
                "version": self.version, "family": self.family,
                "capabilities": list(self.capabilities), "operations": self.operations(),
                "params": dict(self.params), "pub": pub}

    def announce(self, height, block_hash):
        """Publish a block announcement on the PUB socket (when serve() was given one)."""
        if self._pub is not None:
            self._pub.send_multipart([b"block", json.dumps({"height": height, "hash": block_hash}).encode()])

    def tick(self):
        """Called about every 50 ms between requests (e.g. to watch the ledger's head)."""

    def handle(self, req):
        rid = req.get("id") if isinstance(req, dict) else None
        reply = {"v": PROTOCOL, "id": rid if isinstance(rid, int) and rid >= 0 else 0}
        try:
            if not isinstance(req, dict) or req.get("v") != PROTOCOL or not isinstance(rid, int):
                raise AdapterError("bad_args", "a request is {\"v\":1,\"id\":n,\"op\":...}")
            op = req.get("op")
            args = req.get("args") or {}
            deadline = time.monotonic() + max(1, int(req.get("deadline_ms") or 30000)) / 1000.0
            if op == "hello":
                result = self.hello(args, self._pub_endpoint)
            elif op == "ping":
                result = {"time": time.time()}
            elif isinstance(op, str) and hasattr(self, "op_" + op):
                result = getattr(self, "op_" + op)(args, deadline)
            else:
                raise AdapterError("unknown_op", "unknown operation %r" % (op,))
            reply.update(ok=True, result=result)
        except AdapterError as e:
            err = {"code": e.code, "message": e.message}
            if e.code == "rpc":
                err["rpc_code"] = e.rpc_code if isinstance(e.rpc_code, int) else 0
                if e.data is not None:
                    err["data"] = e.data
            reply.update(ok=False, error=err)
        except Exception as e:  # the adapter's own bug: say so, keep serving
            reply.update(ok=False, error={"code": "internal", "message": "%s: %s" % (type(e).__name__, e)})
        return reply

    def serve(self, endpoint, pub_endpoint=None, curve_secret=None):
        ctx = zmq.Context()
        sock = ctx.socket(zmq.REP)
        sock.setsockopt(zmq.LINGER, 0)
        self._pub, self._pub_endpoint = None, None
        if curve_secret:
            sock.curve_secretkey = curve_secret
            sock.curve_publickey = zmq.curve_public(curve_secret)
            sock.curve_server = True
        sock.bind(endpoint)
        if pub_endpoint:
            self._pub = ctx.socket(zmq.PUB)
            self._pub.setsockopt(zmq.LINGER, 0)
            self._pub.bind(pub_endpoint)
            self._pub_endpoint = self._pub.getsockopt_string(zmq.LAST_ENDPOINT)
        stop = []
        signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
        signal.signal(signal.SIGINT, lambda *a: stop.append(1))
        poller = zmq.Poller()
        poller.register(sock, zmq.POLLIN)
        while not stop:
            try:
                ready = dict(poller.poll(50))
            except zmq.ZMQError:
                continue
            if sock in ready:
                raw = sock.recv()
                try:
                    req = json.loads(raw)
                except ValueError:
                    req = None
                sock.send(json.dumps(self.handle(req)).encode())
            self.tick()
        self.close()
        sock.close()
        if self._pub is not None:
            self._pub.close()
        ctx.term()

    def close(self):
        """Called once when serve() ends."""


def set_parent_death_signal():
    """Ask Linux to send SIGTERM to this process when its parent dies (the runner's launcher
    does the same for the adapter): a child ledger started with this as preexec_fn goes away with
    the adapter."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def read_secret(path):
    """A CURVE secret key (40 Z85 characters) from a file, or None."""
    if not path:
        return None
    with open(path, "rb") as f:
        return f.read().strip()


def log(*a):
    print(*a, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit("dlt_adapter.py is a library: run anvil_adapter.py or litecoind_adapter.py")
