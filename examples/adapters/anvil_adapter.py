#!/usr/bin/python3
"""anvil_adapter.py: a reference adapter for the dlt-interop external adapter protocol
(docs/adapter-protocol.md), written in Python, that wraps an Ethereum JSON-RPC node (Foundry's
anvil): raw calls pass through, the neutral operations map onto eth_* calls as the runner's own
ethereum adapter maps them (docs/adapters.md), and block announcements are published on a PUB
socket when the head moves.

  anvil_adapter.py --endpoint tcp://127.0.0.1:5555 --node-url http://127.0.0.1:8545
  anvil_adapter.py --endpoint tcp://127.0.0.1:5555 --anvil PATH --anvil-port 8545 [--pub ...]

With --anvil it starts anvil itself (the dev mnemonic, chain id 31337, genesis time 1700000000,
as targets/anvil.json) and stops it when it ends; targets/anvil-external.json launches it that
way. --curve-secret-file FILE serves with CURVE (the runner's target file then names the public
key in "curve_server_key").
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dlt_adapter import Adapter, AdapterError, Node, log, read_secret, set_parent_death_signal  # noqa: E402


def qty(v):
    if not isinstance(v, str) or not v.startswith("0x"):
        raise AdapterError("protocol", "not a quantity: %r" % (v,))
    return int(v, 16)


class AnvilAdapter(Adapter):
    family = "ethereum"
    capabilities = ["rpc", "raw_rpc", "batch", "accounts", "mine", "time_control", "wallet", "proof"]

    def __init__(self, node):
        self.node = node
        self.next_account = 0
        self.head = None

    def op_rpc(self, args, deadline):
        method, params = args.get("method"), args.get("params", [])
        if not isinstance(method, str):
            raise AdapterError("bad_args", "rpc: \"method\" must be a string")
        return self.node.call(method, params, deadline)

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
        try:
            cv = self.node.call("web3_clientVersion", [], deadline)
        except AdapterError as e:
            if e.code != "rpc":
                raise
            cv = ""
        chain = self.node.call("eth_chainId", [], deadline)
        try:
            net = self.node.call("net_version", [], deadline)
        except AdapterError as e:
            if e.code != "rpc":
                raise
            net = ""
        genesis = self.block({"block": 0}, deadline)
        impl, _, rest = (cv or "").partition("/")
        ver = rest[1:] if rest.startswith("v") else rest
        for sep in "/ -":
            ver = ver.split(sep)[0]
        return {"implementation": impl, "version": ver, "client_version": cv or "",
                "network": net if isinstance(net, str) else "",
                "chain_id": chain if isinstance(chain, str) else "",
                "genesis_hash": genesis["hash"] if genesis else ""}

    def op_height(self, args, deadline):
        return qty(self.node.call("eth_blockNumber", [], deadline))

    def block(self, args, deadline):
        which = args.get("block")
        if isinstance(which, bool) or which is None:
            raise AdapterError("bad_args", "block: expected a number, a tag or a hash")
        if isinstance(which, (int, float)):
            b = self.node.call("eth_getBlockByNumber", [hex(int(which)), False], deadline)
        elif isinstance(which, str) and len(which) == 66:
            b = self.node.call("eth_getBlockByHash", [which, False], deadline)
        elif isinstance(which, str):
            b = self.node.call("eth_getBlockByNumber", [which, False], deadline)
        else:
            raise AdapterError("bad_args", "block: expected a number, a tag or a hash")
        if b is None:
            return None
        try:
            return {"number": qty(b["number"]), "hash": b["hash"], "parent": b["parentHash"],
                    "time": qty(b["timestamp"]),
                    "txids": [t for t in b["transactions"] if isinstance(t, str)]}
        except (KeyError, TypeError):
            raise AdapterError("protocol", "block answer lacks number, hash, parentHash, timestamp or transactions")

    def op_block(self, args, deadline):
        return self.block(args, deadline)

    def op_produce_blocks(self, args, deadline):
        n = args.get("n")
        if not isinstance(n, int) or n < 0 or n > 10000:
            raise AdapterError("bad_args", "produce_blocks: \"n\" must be 0..10000")
        hashes = []
        for _ in range(n):
            self.node.call("evm_mine", [], deadline)
            hashes.append(self.block({"block": "latest"}, deadline)["hash"])
        return hashes

    def op_new_address(self, args, deadline):
        acc = self.node.call("eth_accounts", [], deadline)
        if not isinstance(acc, list) or len(acc) < 2:
            raise AdapterError("unsupported", "eth_accounts lists fewer than two accounts")
        i = 1 + self.next_account % (len(acc) - 1)  # account 0 funds transfers
        self.next_account += 1
        return acc[i]

    def op_balance(self, args, deadline):
        return str(qty(self.node.call("eth_getBalance", [args.get("address"), "latest"], deadline)))

    def op_transfer(self, args, deadline):
        to, amount, frm = args.get("to"), args.get("amount"), args.get("from")
        if not isinstance(to, str):
            raise AdapterError("bad_args", "transfer: \"to\" must be an address")
        if isinstance(amount, str) and amount.isdigit():
            wei = int(amount)
        elif isinstance(amount, int) and not isinstance(amount, bool) and 0 <= amount <= 2 ** 53:
            wei = amount
        else:
            raise AdapterError("bad_args", "transfer: \"amount\" must be wei (digits or integer, below 2^256)")
        if wei >= 2 ** 256:
            raise AdapterError("bad_args", "transfer: \"amount\" must be wei (digits or integer, below 2^256)")
        if not isinstance(frm, str):
            acc = self.node.call("eth_accounts", [], deadline)
            if not acc:
                raise AdapterError("unsupported", "no unlocked account")
            frm = acc[0]
        return self.node.call("eth_sendTransaction", [{"from": frm, "to": to, "value": hex(wei)}], deadline)

    def op_tx_status(self, args, deadline):
        txid = args.get("txid")
        r = self.node.call("eth_getTransactionReceipt", [txid], deadline)
        if isinstance(r, dict) and isinstance(r.get("blockNumber"), str):
            bn = qty(r["blockNumber"])
            head = self.op_height({}, deadline)
            out = {"state": "confirmed", "block": bn, "confirmations": head - bn + 1 if head >= bn else 0}
            if isinstance(r.get("status"), str):
                out["success"] = r["status"] == "0x1"
            try:
                out["fee"] = str(qty(r["gasUsed"]) * qty(r["effectiveGasPrice"]))
            except (KeyError, AdapterError):
                pass
            return out
        tx = self.node.call("eth_getTransactionByHash", [txid], deadline)
        return {"state": "pending" if isinstance(tx, dict) else "unknown", "block": None, "confirmations": 0}

    def tick(self):
        """Announce each new block on the PUB socket (anvil itself has no publisher)."""
        if self._pub is None:
            return
        try:
            h = self.op_height({}, time.monotonic() + 1)
            if self.head is None:
                self.head = h
            while self.head < h:
                self.head += 1
                b = self.block({"block": self.head}, time.monotonic() + 1)
                self.announce(self.head, b["hash"] if b else "")
        except AdapterError:
            pass


ANVIL_FLAGS = ["--chain-id", "31337", "--mnemonic", "test test test test test test test test test test test junk",
               "--timestamp", "1700000000", "--accounts", "10", "--silent"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--endpoint", required=True, help="ZeroMQ endpoint to bind (tcp://127.0.0.1:PORT)")
    ap.add_argument("--pub", help="ZeroMQ endpoint for the PUB socket of block announcements")
    ap.add_argument("--node-url", help="the JSON-RPC URL of a running node")
    ap.add_argument("--anvil", help="start this anvil binary (with the pinned dev chain) and wrap it")
    ap.add_argument("--anvil-port", type=int, help="the port for --anvil")
    ap.add_argument("--curve-secret-file", help="serve with CURVE, this file holding the secret key (Z85)")
    a = ap.parse_args()
    child = None
    url = a.node_url
    if a.anvil:
        if not a.anvil_port:
            ap.error("--anvil needs --anvil-port")
        url = "http://127.0.0.1:%d" % a.anvil_port
        child = subprocess.Popen([a.anvil, "--host", "127.0.0.1", "--port", str(a.anvil_port)] + ANVIL_FLAGS,
                                 preexec_fn=set_parent_death_signal)
        node = Node(url)
        for _ in range(600):
            try:
                node.call("eth_chainId", [], time.monotonic() + 1)
                break
            except AdapterError:
                if child.poll() is not None:
                    sys.exit("anvil_adapter: anvil exited (%d) before it answered" % child.returncode)
                time.sleep(0.05)
    if not url:
        ap.error("give --node-url or --anvil")
    adapter = AnvilAdapter(Node(url))
    try:
        adapter.implementation, adapter.version = "anvil", ""
        info = adapter.op_info({}, time.monotonic() + 10)
        adapter.implementation = info["implementation"] or "anvil"
        adapter.version = info["version"]
        log("anvil_adapter: serving %s for %s at %s" % (info["client_version"], url, a.endpoint))
        adapter.serve(a.endpoint, a.pub, read_secret(a.curve_secret_file))
    finally:
        if child is not None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()


if __name__ == "__main__":
    main()
