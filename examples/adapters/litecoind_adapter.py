#!/usr/bin/python3
"""litecoind_adapter.py: a reference adapter for the dlt-interop external adapter protocol
(docs/adapter-protocol.md), written in Python, that wraps a Bitcoin Core-family node (Debian's
litecoind in regtest): raw calls pass through (JSON-RPC 1.0 with HTTP basic auth), the neutral
operations map onto the node's calls as the runner's own bitcoin adapter maps them
(docs/adapters-bitcoin.md: scantxoutset balances, transfers from one address with
fundrawtransaction, gettransaction/getrawtransaction status), amounts kept exact with Decimal,
and block announcements published on a PUB socket when the height moves.

  litecoind_adapter.py --endpoint tcp://127.0.0.1:5555 --node-url http://127.0.0.1:19443 --user U --password P
  litecoind_adapter.py --endpoint ... --litecoind PATH --rpc-port N --datadir DIR --user U --password P

With --litecoind it starts the node itself (regtest, -txindex, as targets/litecoind.json) and
stops it ("stop" RPC, then a signal) when it ends; examples/adapters/litecoind-external.json
launches it that way.
"""
import argparse
import decimal
import os
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dlt_adapter import Adapter, AdapterError, Node, log, read_secret, set_parent_death_signal  # noqa: E402

ZERO_HASH = "0" * 64


def is_hash64(s):
    return isinstance(s, str) and len(s) == 64 and all(c in "0123456789abcdefABCDEF" for c in s)


class LitecoindAdapter(Adapter):
    family = "bitcoin"
    capabilities = ["rpc", "raw_rpc", "batch", "mine", "wallet", "proof", "time_control"]

    def __init__(self, node, wallet="dlt", decimals=8):
        self.node = node
        self.wallet = wallet
        self.wallet_path = "/wallet/" + urllib.parse.quote(wallet, safe="-._~")
        self.decimals = decimals
        self.wallet_ready = False
        self.head = None

    def call(self, method, params, deadline, path="", exact=False):
        return self.node.call(method, params, deadline, path=path,
                              parse_float=decimal.Decimal if exact else None)

    def units(self, amount):
        """Base units of an exact coin amount (Decimal)."""
        return int((decimal.Decimal(amount) * (10 ** self.decimals)).to_integral_exact())

    def ensure_wallet(self, deadline):
        if self.wallet_ready:
            return
        try:
            self.call("getwalletinfo", [], deadline, path=self.wallet_path)
        except AdapterError as e:
            if e.code != "rpc":
                raise
            try:
                self.call("loadwallet", [self.wallet], deadline)
            except AdapterError as e2:
                if e2.code != "rpc":
                    raise
                self.call("createwallet", [self.wallet], deadline)
        self.wallet_ready = True

    def op_rpc(self, args, deadline):
        method = args.get("method")
        if not isinstance(method, str):
            raise AdapterError("bad_args", "rpc: \"method\" must be a string")
        params = args.get("params")
        return self.call(method, params if params is not None else [], deadline)

    def op_rpc_raw(self, args, deadline):
        body = args.get("body")
        if isinstance(body, dict) and "$bytes" in body:
            data = bytes.fromhex(body["$bytes"])
        elif isinstance(body, str):
            data = body.encode()
        else:
            raise AdapterError("bad_args", "rpc_raw: \"body\" must be a string or {\"$bytes\": hex}")
        status, out, ctype = self.node.post(args.get("path") or "", data, args.get("content_type"), deadline)
        try:
            text = out.decode("utf-8")
            if "\0" in text:
                raise UnicodeDecodeError("utf-8", out, 0, 1, "NUL")
            body_out = text
        except UnicodeDecodeError:
            body_out = {"$bytes": out.hex()}
        return {"status": status, "body": body_out, "content_type": ctype}

    def op_info(self, args, deadline):
        net = self.call("getnetworkinfo", [], deadline)
        chain = self.call("getblockchaininfo", [], deadline)
        genesis = self.call("getblockhash", [0], deadline)
        sub = net.get("subversion") if isinstance(net, dict) else None
        impl, version = "", ""
        if isinstance(sub, str):
            s = sub[1:] if sub.startswith("/") else sub
            k = min([i for i in (s.find(":"), s.find("/")) if i >= 0] or [len(s)])
            impl = s[:k]
            if k < len(s) and s[k] == ":":
                v = s[k + 1:]
                for sep in "/(":
                    v = v.split(sep)[0]
                version = v
        if not version and isinstance(net.get("version"), int):
            version = str(net["version"])
        return {"implementation": impl, "version": version, "client_version": sub or "",
                "network": chain.get("chain", "") if isinstance(chain, dict) else "",
                "chain_id": None, "genesis_hash": genesis if isinstance(genesis, str) else None}

    def op_height(self, args, deadline):
        n = self.call("getblockcount", [], deadline)
        if not isinstance(n, int) or n < 0:
            raise AdapterError("protocol", "getblockcount: not a number")
        return n

    def op_block(self, args, deadline):
        which = args.get("block")
        if isinstance(which, (int, float)) and not isinstance(which, bool):
            if which < 0 or which != int(which):
                raise AdapterError("bad_args", "block: %r is not a block number" % which)
            try:
                h = self.call("getblockhash", [int(which)], deadline)
            except AdapterError as e:
                if e.code == "rpc" and e.rpc_code == -8:
                    return None
                raise
        elif which == "latest":
            h = self.call("getbestblockhash", [], deadline)
        elif isinstance(which, str):
            h = which[2:] if which[:2].lower() == "0x" else which
            if not is_hash64(h):
                raise AdapterError("bad_args", "block: %r is neither a number nor a 64-hex-digit hash" % which)
        else:
            raise AdapterError("bad_args", "block: give a block number or hash")
        try:
            b = self.call("getblock", [h, 1], deadline)
        except AdapterError as e:
            if e.code == "rpc" and e.rpc_code == -5:
                return None
            raise
        if not isinstance(b, dict) or not isinstance(b.get("hash"), str) or not isinstance(b.get("height"), int) \
                or not isinstance(b.get("tx"), list):
            raise AdapterError("protocol", "getblock %s: hash, height or tx missing" % h)
        return {"number": b["height"], "hash": b["hash"], "parent": b.get("previousblockhash") or ZERO_HASH,
                "time": b.get("time"), "txids": [t for t in b["tx"] if isinstance(t, str)]}

    def op_new_address(self, args, deadline):
        self.ensure_wallet(deadline)
        a = self.call("getnewaddress", [], deadline, path=self.wallet_path)
        if not isinstance(a, str):
            raise AdapterError("protocol", "getnewaddress: not a string")
        return a

    def op_produce_blocks(self, args, deadline):
        n, address = args.get("n"), args.get("address")
        if not isinstance(n, int) or n < 0:
            raise AdapterError("bad_args", "produce_blocks: \"n\" must be a count")
        if not address:
            address = self.op_new_address({}, deadline)
        hashes = self.call("generatetoaddress", [n, address], max(deadline, time.monotonic() + 60 + 0.2 * n))
        if not isinstance(hashes, list):
            raise AdapterError("protocol", "generatetoaddress: not an array")
        return hashes

    def op_balance(self, args, deadline):
        address = args.get("address")
        if not address:
            raise AdapterError("bad_args", "balance: no address")
        res = self.call("scantxoutset", ["start", ["addr(%s)" % address]], max(deadline, time.monotonic() + 120),
                        exact=True)
        if not isinstance(res, dict) or res.get("success") is False or not isinstance(res.get("unspents"), list):
            raise AdapterError("protocol", "scantxoutset for %s: no usable unspents/amount" % address)
        return str(sum(self.units(u["amount"]) for u in res["unspents"]))

    def op_transfer(self, args, deadline):
        to, amount, frm = args.get("to"), args.get("amount"), args.get("from")
        if not isinstance(to, str) or not to:
            raise AdapterError("bad_args", "transfer: \"to\" must be an address")
        if isinstance(amount, str) and amount.isdigit():
            units = int(amount)
        elif isinstance(amount, int) and not isinstance(amount, bool) and 0 <= amount <= 2 ** 53:
            units = amount
        else:
            raise AdapterError("bad_args", "transfer: \"amount\" must be base units (digits or integer)")
        coins = decimal.Decimal(units).scaleb(-self.decimals)
        self.ensure_wallet(deadline)
        if not isinstance(frm, str) or not frm:
            txid = self.call("sendtoaddress", [to, coins], deadline, path=self.wallet_path)
        else:
            utxos = self.call("listunspent", [1, 9999999, [frm]], deadline, path=self.wallet_path, exact=True)
            if not isinstance(utxos, list) or not utxos:
                raise AdapterError("rpc", "Insufficient funds", rpc_code=-6)
            inputs = [{"txid": u["txid"], "vout": u["vout"]} for u in utxos]
            raw = self.call("createrawtransaction", [inputs, [{to: coins}]], deadline)
            funded = self.call("fundrawtransaction", [raw, {"changeAddress": frm, "add_inputs": False}], deadline,
                               path=self.wallet_path)
            if not isinstance(funded, dict) or not isinstance(funded.get("hex"), str):
                raise AdapterError("protocol", "fundrawtransaction: no hex")
            signed = self.call("signrawtransactionwithwallet", [funded["hex"]], deadline, path=self.wallet_path)
            if not isinstance(signed, dict) or signed.get("complete") is not True:
                raise AdapterError("protocol", "signrawtransactionwithwallet: incomplete signature for inputs of %s" % frm)
            txid = self.call("sendrawtransaction", [signed["hex"]], deadline)
        if not isinstance(txid, str):
            raise AdapterError("protocol", "transfer: txid not a string")
        return txid

    def block_height_of(self, h, deadline):
        try:
            hdr = self.call("getblockheader", [h], deadline)
            return hdr.get("height") if isinstance(hdr, dict) else None
        except AdapterError:
            return None

    def op_tx_status(self, args, deadline):
        txid = args.get("txid")
        if not is_hash64(txid):
            raise AdapterError("bad_args", "tx_status: %r is not a 64-hex-digit txid" % (txid,))
        tx = None
        try:
            self.ensure_wallet(deadline)
            tx = self.call("gettransaction", [txid], deadline, path=self.wallet_path, exact=True)
        except AdapterError as e:
            if e.code != "rpc":
                raise
        if isinstance(tx, dict):
            n = tx.get("confirmations", 0)
            n = int(n) if isinstance(n, int) else 0
            height = None
            if n > 0:
                height = tx.get("blockheight") if isinstance(tx.get("blockheight"), int) else \
                    self.block_height_of(tx["blockhash"], deadline) if isinstance(tx.get("blockhash"), str) else None
            out = {"state": "confirmed" if n > 0 else "pending" if n == 0 else "unknown",
                   "block": height, "confirmations": max(n, 0)}
            if n < 0:
                out["conflicted"] = True
            if isinstance(tx.get("fee"), decimal.Decimal):
                out["fee"] = str(-self.units(tx["fee"])) if tx["fee"] < 0 else str(self.units(tx["fee"]))
            return out
        try:
            raw = self.call("getrawtransaction", [txid, True], deadline)
        except AdapterError as e:
            if e.code == "rpc" and e.rpc_code == -5:
                return {"state": "unknown", "block": None, "confirmations": 0}
            raise
        n = raw.get("confirmations", 0) if isinstance(raw, dict) else 0
        height = self.block_height_of(raw["blockhash"], deadline) if n > 0 and isinstance(raw.get("blockhash"), str) else None
        return {"state": "confirmed" if n > 0 else "pending", "block": height, "confirmations": n}

    def tick(self):
        """Announce each new block on the PUB socket (Debian's litecoind has no ZeroMQ)."""
        if self._pub is None:
            return
        try:
            h = self.op_height({}, time.monotonic() + 1)
            if self.head is None:
                self.head = h
            while self.head < h:
                self.head += 1
                self.announce(self.head, self.call("getblockhash", [self.head], time.monotonic() + 1))
        except AdapterError:
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--pub")
    ap.add_argument("--node-url")
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--wallet", default="dlt")
    ap.add_argument("--litecoind")
    ap.add_argument("--rpc-port", type=int)
    ap.add_argument("--datadir")
    ap.add_argument("--curve-secret-file")
    a = ap.parse_args()
    child, url = None, a.node_url
    if a.litecoind:
        if not (a.rpc_port and a.datadir):
            ap.error("--litecoind needs --rpc-port and --datadir")
        url = "http://127.0.0.1:%d" % a.rpc_port
        child = subprocess.Popen([a.litecoind, "-regtest", "-server", "-listen=0", "-txindex=1",
                                  "-rpcuser=" + a.user, "-rpcpassword=" + a.password, "-rpcport=%d" % a.rpc_port,
                                  "-rpcbind=127.0.0.1", "-rpcallowip=127.0.0.1", "-rpcthreads=8",
                                  "-fallbackfee=0.0001", "-datadir=" + a.datadir, "-printtoconsole=0"],
                                 preexec_fn=set_parent_death_signal, stdout=subprocess.DEVNULL)
    if not url:
        ap.error("give --node-url or --litecoind")
    node = Node(url, version="1.0", user=a.user, password=a.password)
    adapter = LitecoindAdapter(node, wallet=a.wallet)
    try:
        for _ in range(1200):
            try:
                node.call("getblockchaininfo", [], time.monotonic() + 1)
                break
            except AdapterError:
                if child is not None and child.poll() is not None:
                    sys.exit("litecoind_adapter: litecoind exited (%d) before it answered" % child.returncode)
                time.sleep(0.05)
        adapter.ensure_wallet(time.monotonic() + 30)
        info = adapter.op_info({}, time.monotonic() + 10)
        adapter.implementation = info["implementation"] or "litecoind"
        adapter.version = info["version"]
        log("litecoind_adapter: serving %s for %s at %s" % (info["client_version"], url, a.endpoint))
        adapter.serve(a.endpoint, a.pub, read_secret(a.curve_secret_file))
    finally:
        if child is not None:
            try:
                node.call("stop", [], time.monotonic() + 5)
            except AdapterError:
                child.terminate()
            try:
                child.wait(15)
            except subprocess.TimeoutExpired:
                child.kill()


if __name__ == "__main__":
    main()
