-- The same malformed HTTP requests are answered alike by both implementations (IOP-06,
-- IOP-05): a body that is not JSON, a truncated object, an empty batch, a valid call sent with
-- Content-Type text/plain, and a valid call (for the response Content-Type). Compared: the
-- HTTP status class, whether the body is JSON, the error code, the response's media type.
-- Protocol checks, each side (JSON-RPC 2.0 section 5.1 and 6): invalid JSON -> -32700 with
-- id null; an empty array -> one -32600 error object. HTTP itself is not fixed by JSON-RPC 2.0
-- (transport agnostic), so statuses and the text/plain case are only compared.
local eth = require "eth"
local pair = require "pair"

local CASES = {
	{ "garbage", "garbage" },
	{ "truncated object", '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"' },
	{ "empty batch", "[]" },
	{ "valid call as text/plain", '{"jsonrpc":"2.0","id":3,"method":"eth_chainId","params":[]}', "text/plain" },
	{ "valid call", '{"jsonrpc":"2.0","id":4,"method":"eth_chainId","params":[]}' },
}

local function media(ct)
	if type(ct) ~= "string" then return "none" end
	return (ct:match("^%s*([^;%s]+)") or ct):lower()
end

local function summary(r)
	local s = dlt.object({})
	s.status = type(r.status) == "number" and string.format("%dxx", r.status // 100) or "none"
	s.json = r.json ~= nil
	s.media = media(r.content_type)
	local j = r.json
	if type(j) == "table" and not eth.is_array(j) then
		s.shape = "object"
		s.code = type(j.error) == "table" and j.error.code or dlt.null
		s.result = j.result ~= nil
	elseif type(j) == "table" then
		s.shape = "array"
	end
	return s
end

scenario {
	id = "eth.pair.envelope",
	title = "Malformed HTTP/JSON-RPC requests are answered alike on both (status, body, code, media type)",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-06", "IOP-05", "NODE-04", "NODE-09", "NODE-15" },
	requires = { "raw_rpc" },
	run = function(t)
		local got = pair.each(t, function(node)
			local out = dlt.object({})
			for _, c in ipairs(CASES) do
				local r = node:rpc_raw(c[2], c[3] and { content_type = c[3] } or nil)
				out[c[1]] = summary(r)
				local j = r.json
				if c[1] == "garbage" or c[1] == "truncated object" then
					t:ok(type(j) == "table" and type(j.error) == "table" and j.error.code == -32700,
						c[1] .. ": error -32700 (JSON-RPC 2.0 5.1)", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
					t:ok(type(j) == "table" and j.id == dlt.null, c[1] .. ": id null", tostring(r.body))
				elseif c[1] == "empty batch" then
					t:ok(type(j) == "table" and not eth.is_array(j) and type(j.error) == "table" and j.error.code == -32600,
						"empty batch: one -32600 error object (JSON-RPC 2.0 6)", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
				elseif c[1] == "valid call" then
					t:ok(type(j) == "table" and j.result == eth.qty(eth.chain_id(node)), "valid call answered", tostring(r.body))
					t:match(r.content_type or "", "^application/json", "valid call: response Content-Type is application/json")
				end
			end
			return out
		end)
		t:same(got.a, got.b, "answers to malformed requests")
	end,
}
