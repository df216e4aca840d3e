-- Issue 10, item 1: this scenario replaces what a later scenario relies on: string methods
-- through the string metatable, dlt.keccak256, the base environment behind _ENV (a leaked
-- global, tostring), a helper module, the prelude, and t's methods. With a fresh Lua state per
-- scenario run, b_victim.lua (run after it with -j 1) sees none of it. Verdict: pass.
getmetatable("").__index.upper = function() return "POISONED" end
string.format = function() return "POISONED" end
dlt.keccak256 = function() return "POISONED" end
getmetatable(_ENV).__index.leaked = "leaked"
getmetatable(_ENV).__index.tostring = function() return "POISONED" end
dlt.shape = nil

scenario {
	id = "hostile.a-poison", title = "poisons the shared tables", family = "ethereum",
	roadmap = { "NODE-01" },
	run = function(t)
		-- t's methods: the metatable is hidden behind __metatable, so this fails quietly
		pcall(function() getmetatable(t).__index.eq = function(self) return self:ok(true) end end)
		pcall(function() getmetatable(dlt.array {}).__index = {} end)
		pcall(function() require("eth").show = function() return "POISONED" end end)
		t:ok(true, "poisoned what it could")
	end,
}
