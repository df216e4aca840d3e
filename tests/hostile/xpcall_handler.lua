-- Issue 10, item 3: an xpcall message handler that loops (Lua calls it while hooks are off).
-- Verdict: inconclusive, time limit.
scenario {
	id = "hostile.xpcall-handler", title = "loops in a message handler", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 3,
	run = function(t)
		t:ok(true, "started")
		while true do
			xpcall(function() while true do end end, function() while true do end end)
		end
	end,
}
