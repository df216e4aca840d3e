-- nul.lua: a \u0000 escape inside a result string is not cut at the zero byte (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.nul", title = "a \\u0000 escape inside a result string is not cut at the zero byte", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		-- the node answers "a\u0000b": a runner that cut strings at the zero byte would pass this
		t:eq(t.node:call("fault_nul", {}), "a", "result")
	end,
}
