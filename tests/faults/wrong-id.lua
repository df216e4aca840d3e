-- wrong-id.lua: an answer whose id is not the request's (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.wrong-id", title = "an answer whose id is not the request's", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_wrong_id", {}), "ok", "result")
	end,
}
