-- huge-length.lua: a 200 MB answer announced by its Content-Length: refused unread (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.huge-length", title = "a 200 MB answer announced by its Content-Length: refused unread", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_huge_length", {}), "ok", "result")
	end,
}
