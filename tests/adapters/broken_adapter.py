#!/usr/bin/python3
"""broken_adapter.py: a deliberately broken adapter for tests/integration/adapter_check.sh, one
fault per mode (docs/adapter-protocol.md says what a conforming adapter does):

  good         conforms: hello, ping, info and height, unknown operations refused
  malformed    answers height with text that is not JSON
  oversized    answers info with a 2 MiB result
  slow         answers height after 3 s
  wrong_shape  answers height with a string
  unknown_op   answers an unknown operation with a result
  no_hello     refuses hello as an unknown operation
  bad_version  accepts a hello that offers only protocol 99
  frames       answers height with three frames

  broken_adapter.py MODE ENDPOINT
"""
import json
import sys
import time

import zmq

mode, endpoint = sys.argv[1], sys.argv[2]
ctx = zmq.Context()
sock = ctx.socket(zmq.ROUTER)  # ROUTER: the frames of a reply are this script's to get wrong
sock.setsockopt(zmq.LINGER, 0)
sock.bind(endpoint)


def reply(ident, obj=None, raw=None, extra=None):
    frames = [ident, b"", raw if raw is not None else json.dumps(obj).encode()]
    if extra:
        frames.append(extra)
    sock.send_multipart(frames)


while True:
    frames = sock.recv_multipart()
    ident, body = frames[0], frames[-1]
    try:
        req = json.loads(body)
    except ValueError:
        continue
    rid, op, args = req.get("id", 0), req.get("op"), req.get("args") or {}
    ok = lambda result: reply(ident, {"v": 1, "id": rid, "ok": True, "result": result})
    err = lambda code, msg: reply(ident, {"v": 1, "id": rid, "ok": False, "error": {"code": code, "message": msg}})
    if op == "hello":
        if mode == "no_hello":
            err("unknown_op", "unknown operation 'hello'")
        elif 1 not in args.get("protocols", []) and mode != "bad_version":
            err("unsupported", "this adapter speaks protocol 1")
        else:
            ok({"protocol": 1, "implementation": "broken-" + mode, "version": "0", "family": "external",
                "capabilities": [], "operations": ["info", "height"], "params": {}, "pub": None})
    elif op == "ping":
        ok({})
    elif op == "info":
        if mode == "oversized":
            ok({"implementation": "x" * (2 << 20)})
        else:
            ok({"implementation": "broken-" + mode, "version": "0"})
    elif op == "height":
        if mode == "malformed":
            reply(ident, raw=b"{\"v\":1,\"id\":" + str(rid).encode() + b",\"ok\":tru")
        elif mode == "slow":
            time.sleep(3)
            ok(7)
        elif mode == "wrong_shape":
            ok("ten")
        elif mode == "frames":
            reply(ident, {"v": 1, "id": rid, "ok": True, "result": 7}, extra=b"more")
        else:
            ok(7)
    elif mode == "unknown_op":
        ok(None)
    else:
        err("unknown_op", "unknown operation %r" % (op,))
