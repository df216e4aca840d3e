-- nul-string.lua: a \u0000 escape inside a result string reaches the scenario as a Lua string
-- with the zero byte in it (not as a table of its JSON form). Served by tests/fault_server.c,
-- run by tests/integration/faults.sh; the only fault scenario that passes.
scenario {
	id = "fault.nul-string", title = "a \\u0000 escape reaches the scenario as the exact string", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		local v = t.node:call("fault_nul", {})
		t:eq(type(v), "string", "a string")
		t:eq(v, "a\0b", "the three bytes, zero byte included")
	end,
}
