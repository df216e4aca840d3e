-- ok.lua: control: a well-formed answer passes (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.ok", title = "control: a well-formed answer passes", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_ok", {}), "ok", "fault_ok answers \"ok\"")
	end,
}
