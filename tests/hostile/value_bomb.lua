-- Issue 10, items 5 and 6: a 20 MB value in a failed check was stored as actual and again in
-- the diff. It is stored once, as a $truncated marker (size, sha256, head); the diff entry holds
-- a short marker. Verdict: fail.
scenario {
	id = "hostile.value-bomb", title = "a 20 MB value", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 60,
	run = function(t)
		t:eq(string.rep("v", 20 * 1024 * 1024), "w", "a huge actual")
	end,
}
