-- Issue 10, item 3: the issue's exact case. pcall catches the stop once; the hook raises it
-- again at once. Verdict: inconclusive, "time limit of 5 s reached (scenario.timeout)".
scenario {
	id = "hostile.pcall-loop", title = "catches the time limit", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 5,
	run = function(t)
		t:ok(true, "started")
		while true do pcall(function() while true do end end) end
	end,
}
