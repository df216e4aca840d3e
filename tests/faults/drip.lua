-- drip.lua: an answer dripped one byte every half second (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.drip", title = "an answer dripped one byte every half second", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_drip", {}), "ok", "result")
	end,
}
