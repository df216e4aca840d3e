-- eth_signTransaction (execution-apis src/eth/sign.yaml): a dev account the node holds
-- unlocked signs an EIP-1559 transfer and a legacy transfer with every field given (nonce, gas,
-- fees, chain id). Nothing is sent. Optional.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_signTransaction",
	title = "eth_signTransaction: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-05" },
	vectors = { "execution-apis" },
	requires = { "accounts" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local f = eth.fees(node, t)
		local nonce = eth.qty(eth.nonce(node, acct.address, "pending"))
		local chain = eth.qty(eth.chain_id(node))
		sc.call(t, node, "eth_signTransaction", { {
			type = "0x2", from = acct.address, to = eth.fresh_address("sign-tx"), value = "0x1", gas = "0x5208",
			maxFeePerGas = f.max_fee:hex(), maxPriorityFeePerGas = f.tip:hex(), nonce = nonce, chainId = chain,
		} }, { label = "EIP-1559 transfer" })
		sc.call(t, node, "eth_signTransaction", { {
			type = "0x0", from = acct.address, to = eth.fresh_address("sign-tx"), value = "0x1", gas = "0x5208",
			gasPrice = f.gas_price:hex(), nonce = nonce, chainId = chain,
		} }, { label = "legacy transfer", accept = true })
	end,
}
