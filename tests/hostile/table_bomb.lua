-- Issue 10, item 4: a growing table was stopped only by the time limit.
-- Verdict: inconclusive, memory limit.
scenario {
	id = "hostile.table-bomb", title = "a growing table", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 60,
	run = function(t)
		t:ok(true, "started")
		local g = {}
		for i = 1, math.maxinteger do g[i] = { i } end
	end,
}
