-- Issue 10, item 2: t:ne sees the difference after a zero byte. Verdict: pass.
scenario {
	id = "hostile.nul-ne", title = "zero bytes in t:ne", family = "ethereum",
	roadmap = { "NODE-01" },
	run = function(t)
		t:ne("\0\1", "\0\2", "\\0\\1 differs from \\0\\2")
	end,
}
