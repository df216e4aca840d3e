-- huge.lua: a 200 MB answer, chunked (no Content-Length): reading stops at --max-response (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.huge", title = "a 200 MB answer, chunked (no Content-Length): reading stops at --max-response", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_huge", {}), "ok", "result")
	end,
}
