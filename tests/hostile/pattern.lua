-- Issue 10, item 3: one long C call. The stock matcher ran 32.6 s under a 3 s limit and the
-- scenario was recorded as pass. Verdict: inconclusive, time limit of 3 s.
scenario {
	id = "hostile.pattern", title = "a backtracking pattern", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 3,
	run = function(t)
		local r = ("a"):rep(450):find(".-.-.-b")
		t:ok(r == nil, "no match")
	end,
}
