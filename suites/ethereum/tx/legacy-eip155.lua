-- A legacy transaction with EIP-155 replay protection, signed by the scenario from a dev key and
-- sent raw to a fresh address: the hash is keccak256 of the raw bytes, the receipt succeeds with
-- 21000 gas, balances change by exactly value + gasPrice * gasUsed, the nonce rises by one, and
-- eth_getTransactionByHash answers the signed fields, with v = chainId * 2 + 35 + recovery id.
local eth = require "eth"

scenario {
	id = "eth.tx.legacy-eip155",
	title = "A raw EIP-155 legacy transfer is accepted, hashed, executed and reported as signed",
	family = "ethereum",
	roadmap = { "TX-01", "TX-03", "TX-04", "TX-09", "TX-10", "TX-13", "TX-14", "PAY-01", "PAY-07", "CRYPTO-03" },
	vectors = { "eip155-example" },
	timeout = 90,
	run = function(t)
		local node = t.node
		eth.check_signer(t, 0)
		local r = eth.checked_transfer(t, node, { type = 0, tag = "legacy" })
		t:eq(r.dec.type, "0x0", "the raw transaction is a legacy one (RLP list)")
		t:eq(r.receipt.effectiveGasPrice, eth.qty(r.p.gas_price), "receipt effectiveGasPrice is the gasPrice signed")
		local tx = r.tx
		t:eq(tx.type, "0x0", "tx type")
		t:eq(tx.gasPrice, eth.qty(r.p.gas_price), "tx gasPrice")
		t:eq(tx.v, r.dec.v, "tx v is the signature's v")
		local v = eth.int(r.dec.v)
		t:ok(v == r.chain * 2 + 35 or v == r.chain * 2 + 36,
			string.format("v = %d is chainId * 2 + 35 or + 36 (EIP-155)", v))
		if tx.chainId ~= nil then
			t:eq(tx.chainId, eth.qty(r.chain), "tx chainId")
		else
			t:log("no chainId field in the legacy transaction object (optional in execution-apis)")
		end
		t:ok(tx.maxFeePerGas == nil and tx.maxPriorityFeePerGas == nil,
			"a legacy transaction has no EIP-1559 fee fields", eth.show(tx))
	end,
}
