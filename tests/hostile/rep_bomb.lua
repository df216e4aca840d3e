-- Issue 10, item 4: string.rep("x", 2^31-1) took 4.2 GB. The allocator refuses it and the stop
-- is as uncatchable as the time stop. Verdict: inconclusive, "memory limit of N MB reached".
scenario {
	id = "hostile.rep-bomb", title = "a 2 GB string", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 30,
	run = function(t)
		t:ok(true, "started")
		pcall(string.rep, "x", 2^31 - 1)
		t:ok(true, "caught the memory error")
		local s = string.rep("x", 2^31 - 1)
	end,
}
