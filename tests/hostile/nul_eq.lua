-- Issue 10, item 2: strings compare whole, zero bytes included. Both checks fail.
-- Verdict: fail, 2 failed checks.
scenario {
	id = "hostile.nul-eq", title = "zero bytes in t:eq", family = "ethereum",
	roadmap = { "NODE-01" },
	run = function(t)
		t:eq("\0\1", "\0\2", "\\0\\1 is not \\0\\2")
		t:eq("abc", "abc\0", "abc is not abc\\0")
	end,
}
