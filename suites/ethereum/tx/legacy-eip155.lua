-- A legacy transaction with EIP-155 replay protection, signed by the scenario from a dev key and
-- sent raw to a fresh address: the hash is keccak256 of the raw bytes, the receipt succeeds with
-- 21000 gas, balances change by exactly value + gasPrice * gasUsed, the nonce rises by one, and
-- eth_getTransactionByHash answers the signed fields, with v = chainId * 2 + 35 + recovery id.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.tx.legacy-eip155",
	title = "A raw EIP-155 legacy transfer is accepted, hashed, executed and reported as signed",
	family = "ethereum",
	roadmap = { "TX-01", "TX-03", "TX-04", "TX-09", "TX-10", "TX-13", "TX-14", "PAY-01", "PAY-07", "CRYPTO-03",
		"NODE-03", "PROV-05" },
	vectors = { "eip155-example", "eth-transactions" },
	timeout = 90,
	run = function(t)
		local node = t.node
		eth.check_signer(t, 0)
		canon.eth_decoder(t)
		if node.params.chain_id then
			t:eq(eth.chain_id(node), node.params.chain_id, "eth_chainId answers the chain id the target is configured with")
		end
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
		canon.same_tx(t, tx, r.signed.raw, "included")
		-- the recorded transaction keeps its content as the chain grows
		if node:has("mine") then
			node:produce_blocks(2)
			local later = node:call("eth_getTransactionByHash", { r.hash })
			t:need(type(later) == "table", "two blocks later the transaction is still found")
			canon.same_tx(t, later, r.signed.raw, "two blocks later")
			t:eq(later.blockHash, tx.blockHash, "two blocks later: the same block hash")
			t:eq(later.blockNumber, tx.blockNumber, "two blocks later: the same block number")
		end
	end,
}
