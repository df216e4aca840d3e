-- fixtures-gen.lua: writes suites/ethereum-fixtures/ from the execution-apis fixture copy
-- (vectors/execution-apis-tests/tests/, docs/fixtures.md): one scenario file per .io file,
-- suites/ethereum-fixtures/<method>/<case>.lua, id fixture.<method>.<case>, holding the file's
-- comments and its request/response lines verbatim (as Lua long strings: scenarios cannot read
-- files), replayed at run time by suites/lib/fixtures.lua.
--
--   lua5.4 tools/fixtures-gen.lua [TOP [OUT]]
--
-- TOP is the source tree (default: the folder above this script), OUT the suite folder
-- (default: TOP/suites/ethereum-fixtures), replaced as a whole. Run it after the copy changes (a
-- new pinned commit); tests/integration/fixtures_gen.sh checks that regenerating gives the
-- committed files. A line that is not a comment, ">> JSON" or "<< JSON", or whose JSON does not
-- parse, stops it with the file and line, as hive's loader refuses it.

local here = arg[0]:match("^(.*)/[^/]*$") or "."
local top = arg[1] or (here .. "/..")
local out = arg[2] or (top .. "/suites/ethereum-fixtures")
local src = top .. "/vectors/execution-apis-tests/tests"

local function die(fmt, ...)
	io.stderr:write("fixtures-gen: ", string.format(fmt, ...), "\n")
	os.exit(1)
end

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function lines_of(cmd)
	local p = assert(io.popen(cmd))
	local t = {}
	for l in p:lines() do t[#t + 1] = l end
	p:close()
	return t
end

-- the pinned commit, from the copy's README ("commit: <40 hex>")
local commit
do
	local f = io.open(top .. "/vectors/execution-apis-tests/README.md") or die("%s: missing", top .. "/vectors/execution-apis-tests/README.md")
	for l in f:lines() do commit = commit or l:match("^commit: *(%x+)") end
	f:close()
	if not commit or #commit ~= 40 then die("no 'commit: <40 hex digits>' line in vectors/execution-apis-tests/README.md") end
end

---------------------------------------------------------------------------------------------
-- JSON: a strict syntax check (RFC 8259) that also reports the top-level object's members, so
-- that the generator knows which responses are errors and their codes.

local function parse_json(s)
	local pos = 1
	local function fail(what) error({ at = pos, what = what }, 0) end
	local function ws() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
	local value
	local function str()
		pos = pos + 1
		local start = pos
		while true do
			local c = s:sub(pos, pos)
			if c == "" then fail("unterminated string") end
			if c == '"' then break end
			if c:byte() < 0x20 then fail("control character in a string") end
			if c == "\\" then
				local e = s:sub(pos + 1, pos + 1)
				if e == "u" then
					if not s:sub(pos + 2, pos + 5):match("^%x%x%x%x$") then fail("bad \\u escape") end
					pos = pos + 6
				elseif e:match('^["\\/bfnrt]$') then
					pos = pos + 2
				else
					fail("bad escape")
				end
			else
				pos = pos + 1
			end
		end
		local raw = s:sub(start, pos - 1)
		pos = pos + 1
		return raw
	end
	function value()
		ws()
		local c = s:sub(pos, pos)
		if c == "{" then
			pos = pos + 1
			local members = {}
			ws()
			if s:sub(pos, pos) == "}" then pos = pos + 1 return members end
			while true do
				ws()
				if s:sub(pos, pos) ~= '"' then fail("a member name") end
				local k = str()
				ws()
				if s:sub(pos, pos) ~= ":" then fail("':'") end
				pos = pos + 1
				members[k] = value()
				ws()
				local d = s:sub(pos, pos)
				pos = pos + 1
				if d == "}" then return members end
				if d ~= "," then fail("',' or '}'") end
			end
		elseif c == "[" then
			pos = pos + 1
			ws()
			if s:sub(pos, pos) == "]" then pos = pos + 1 return {} end
			while true do
				value()
				ws()
				local d = s:sub(pos, pos)
				pos = pos + 1
				if d == "]" then return {} end
				if d ~= "," then fail("',' or ']'") end
			end
		elseif c == '"' then
			return str()
		else
			local lit = s:match("^%-?%d+%.?%d*[eE]?[%+%-]?%d*", pos)
			if lit and lit:match("^%-?0%d") then fail("a number with a leading zero") end
			if lit and lit ~= "" and lit:match("^%-?%d+$") then pos = pos + #lit return tonumber(lit) end
			if lit and lit ~= "" and lit:match("^%-?%d+%.?%d*[eE]?[%+%-]?%d*$") and not lit:match("[%.eE][%+%-]?$") then
				pos = pos + #lit return tonumber(lit)
			end
			for _, w in ipairs({ "true", "false", "null" }) do
				if s:sub(pos, pos + #w - 1) == w then pos = pos + #w return w end
			end
			fail("a JSON value")
		end
	end
	local ok, v = pcall(function()
		local r = value()
		ws()
		if pos <= #s then fail("the end of the line") end
		return r
	end)
	if ok then return v end
	return nil, string.format("expected %s at byte %d", v.what, v.at)
end

---------------------------------------------------------------------------------------------
-- the roadmap requirements a method's fixtures back when their answer is compared exactly
-- (docs/fixtures.md, "Roadmap"); every exact fixture also backs IOP-05, every error fixture
-- IOP-06 and SEC-05 (and NODE-07 for -32602), every speconly fixture DATA-01 only.
local METHOD_REQS = {
	eth_blockNumber = { "NODE-11" },
	eth_chainId = { "NODE-03" }, eth_config = { "NODE-03" },
	net_version = { "TERM-02" },
	eth_getBlockByHash = { "INTEG-03" }, eth_getBlockByNumber = { "INTEG-03" },
	eth_getBlockTransactionCountByHash = { "INTEG-09" }, eth_getBlockTransactionCountByNumber = { "INTEG-09" },
	eth_getTransactionByHash = { "TX-10", "INTEG-09" },
	eth_getTransactionByBlockHashAndIndex = { "TX-10", "INTEG-09" },
	eth_getTransactionByBlockNumberAndIndex = { "TX-10", "INTEG-09" },
	eth_getTransactionReceipt = { "TX-04", "IOP-03" }, eth_getBlockReceipts = { "TX-04", "IOP-03" },
	eth_getTransactionCount = { "TX-09" },
	eth_call = { "TX-06", "IOP-13" }, eth_simulateV1 = { "TX-06", "IOP-13" },
	eth_estimateGas = { "TX-08" },
	eth_getLogs = { "TX-07", "PROV-04" },
	eth_getProof = { "PROV-01" },
	eth_sendRawTransaction = { "TX-01", "TX-02", "TX-03" },
	eth_feeHistory = { "PAY-06" }, eth_baseFee = { "PAY-06" }, eth_blobBaseFee = { "PAY-06" },
	eth_getBalance = { "IOP-04" }, eth_getCode = { "IOP-04" }, eth_getStorageAt = { "IOP-04" },
	eth_getStorageValues = { "IOP-04" },
	debug_getRawBlock = { "DATA-09" }, debug_getRawHeader = { "DATA-09" },
	debug_getRawReceipts = { "DATA-09" }, debug_getRawTransaction = { "DATA-09" },
}

-- a Lua long string holding s verbatim: the lowest level whose closing bracket s lacks
local function long(s)
	local eq = ""
	while s:find("]" .. eq .. "]", 1, true) do eq = eq .. "=" end
	return "[" .. eq .. "[" .. s .. "]" .. eq .. "]"
end

---------------------------------------------------------------------------------------------

local tmp = os.tmpname()
os.remove(tmp)
assert(os.execute("mkdir -p " .. shell_quote(tmp)))
local files = lines_of("cd " .. shell_quote(src) .. " && find . -name '*.io' | sed 's|^\\./||' | LC_ALL=C sort")
if #files == 0 then die("%s: no .io files", src) end
local made = {}
for _, io_path in ipairs(files) do
	local method, name = io_path:match("^([^/]+)/([^/]+)%.io$")
	if not method then die("%s/%s: expected <method>/<case>.io", src, io_path) end
	local id = "fixture." .. method .. "." .. name
	if id:find("[^%w%.%-_]") then die("%s: the id %s would hold characters a scenario id cannot", io_path, id) end
	local f = io.open(src .. "/" .. io_path, "rb") or die("%s/%s: cannot read", src, io_path)
	local comments, messages, speconly, err_codes = {}, {}, false, {}
	local n = 0
	for line in f:lines() do
		n = n + 1
		line = line:gsub("^%s+", ""):gsub("%s+$", "")
		if line == "" then
			-- blank
		elseif line:sub(1, 2) == "//" then
			if #messages == 0 then -- comments after the first message are ignored, as by hive
				local text = line:sub(3):gsub("^ ", "")
				comments[#comments + 1] = text
				if text:match("^speconly:") then speconly = true end
			end
		elseif line:sub(1, 2) == ">>" or line:sub(1, 2) == "<<" then
			local json = line:sub(3):gsub("^%s+", "")
			local v, why = parse_json(json)
			if v == nil then die("%s/%s:%d: not valid JSON after %s (%s)", src, io_path, n, line:sub(1, 2), why) end
			if line:sub(1, 2) == "<<" and type(v) == "table" and v.error ~= nil then
				err_codes[#err_codes + 1] = type(v.error) == "table" and v.error.code or "none"
			end
			messages[#messages + 1] = { line:sub(1, 2), json }
		else
			die("%s/%s:%d: not a comment, '>> JSON' or '<< JSON' line", src, io_path, n)
		end
	end
	f:close()
	if #messages == 0 then die("%s/%s: no request", src, io_path) end
	local reqs
	if speconly then
		reqs = { "DATA-01" }
	elseif #err_codes > 0 then
		reqs = { "IOP-06", "SEC-05" }
		for _, c in ipairs(err_codes) do
			if c == -32602 then reqs[#reqs + 1] = "NODE-07" break end
		end
	else
		reqs = {}
		for _, r in ipairs(METHOD_REQS[method] or {}) do reqs[#reqs + 1] = r end
		reqs[#reqs + 1] = "IOP-05"
	end
	local b = {}
	local function w(...) b[#b + 1] = string.format(...) end
	w("-- %s: generated by tools/fixtures-gen.lua from\n", id)
	w("-- vectors/execution-apis-tests/tests/%s (ethereum/execution-apis %s, CC0).\n", io_path, commit:sub(1, 8))
	w("-- Do not edit: change the generator or the copy and run it again (docs/fixtures.md).\n")
	w('local fixtures = require "fixtures"\n\nlocal case = {\n')
	w('\tfile = "%s",\n\tspeconly = %s,\n\tcomments = {\n', io_path, tostring(speconly))
	for _, c in ipairs(comments) do w("\t\t%s,\n", long(c)) end
	w("\t},\n\tmessages = {\n")
	for _, m in ipairs(messages) do w('\t\t{ "%s", %s },\n', m[1], long(m[2])) end
	w("\t},\n}\n\nscenario {\n")
	w('\tid = "%s",\n', id)
	w("\ttitle = %s,\n", long(method .. "/" .. name .. (comments[1] and (": " .. comments[1]) or "")))
	w('\tfamily = "ethereum",\n\tchain = "execution-apis-fixtures",\n')
	w('\troadmap = { "%s" },\n', table.concat(reqs, '", "'))
	w('\tvectors = { "execution-apis-fixtures" },\n')
	w("\trun = function(t) fixtures.replay(t, case) end,\n}\n")
	if not made[method] then
		assert(os.execute("mkdir -p " .. shell_quote(tmp .. "/" .. method)))
		made[method] = true
	end
	local o = io.open(tmp .. "/" .. method .. "/" .. name .. ".lua", "wb") or die("cannot write into %s", tmp)
	o:write(table.concat(b))
	o:close()
end
assert(os.execute("rm -rf " .. shell_quote(out) .. " && mkdir -p " .. shell_quote(out) ..
	" && cp -R " .. shell_quote(tmp) .. "/. " .. shell_quote(out) .. " && rm -rf " .. shell_quote(tmp)))
print(string.format("fixtures-gen: %d scenarios written to %s", #files, out))
