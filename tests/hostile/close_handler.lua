-- Issue 10, item 3: a __close handler that loops while the stop unwinds.
-- Verdict: inconclusive, time limit.
scenario {
	id = "hostile.close-handler", title = "loops in __close", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 3,
	run = function(t)
		t:ok(true, "started")
		local guard <close> = setmetatable({}, { __close = function() while true do end end })
		while true do end
	end,
}
