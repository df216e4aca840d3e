-- slow-headers.lua: headers dripped one byte every half second (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.slow-headers", title = "headers dripped one byte every half second", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_slow_headers", {}), "ok", "result")
	end,
}
