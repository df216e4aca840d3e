-- eth_sign (execution-apis src/eth/sign.yaml): an EIP-191 signature by a dev account the node
-- holds unlocked (node.params.accounts), over 4 bytes and over 0 bytes. The signature must also
-- recover to the account (else the params were not used as specified).
local eth = require "eth"
local sc = require "schema_calls"

local function recovers(sig, msg)
	local b = dlt.hex.decode(sig)
	if #b ~= 65 then return nil end
	local v = b:byte(65)
	if v >= 27 then v = v - 27 end
	local hash = dlt.keccak256("\25Ethereum Signed Message:\n" .. #msg .. msg)
	local ok, pub = pcall(dlt.secp256k1.recover, hash, b:sub(1, 32), b:sub(33, 64), v)
	if not ok or not pub then return nil end
	return dlt.eth.address(pub)
end

scenario {
	id = "eth.schema.eth_sign",
	title = "eth_sign: the signature validates against execution-apis and recovers to the account",
	family = "ethereum",
	roadmap = { "DATA-01", "CRYPTO-01" },
	vectors = { "execution-apis" },
	requires = { "accounts" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		for _, msg in ipairs({ "\222\173\190\239", "" }) do
			local hex = dlt.hex.encode(msg)
			local sig = sc.call(t, node, "eth_sign", { acct.address, hex }, { label = "message " .. hex })
			if type(sig) == "string" and not sig:find("[^0-9a-fA-Fx]") then
				t:eq(recovers(sig, msg), acct.address, "the signature of " .. hex .. " recovers to the account (EIP-191)")
			end
		end
	end,
}
