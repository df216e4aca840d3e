# tests/fuzz/fuzz.mk: the libFuzzer build of the fuzz targets (docs/fuzzing.md), in GNU make.
# Read together with the generated Makefile (`make fuzz` runs
# `$(MAKE) -f Makefile -f tests/fuzz/fuzz.mk fuzz-all`), so it compiles exactly the sources,
# preprocessor flags and libraries of libdlt.a, but with $(FUZZ_CC) (clang) and
# -fsanitize=fuzzer,address,undefined, into tests/fuzz/obj/ (never through the gcc-built
# libdlt.a). Binaries: tests/fuzz/fuzz-NAME, one per target.

FUZZ_OBJDIR = tests/fuzz/obj
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_COMPILE = $(FUZZ_CC) $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS) \
	-I$(srcdir)/tests/fuzz -DDLT_FUZZ_LIBFUZZER $(AM_CFLAGS) $(FUZZ_CFLAGS) $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link -MMD -MP

FUZZ_LIB_C = $(filter %.c,$(libdlt_a_SOURCES) $(nodist_libdlt_a_SOURCES))
FUZZ_LIB_OBJS = $(patsubst %.c,$(FUZZ_OBJDIR)/%.o,$(FUZZ_LIB_C))
FUZZ_UTIL_OBJ = $(FUZZ_OBJDIR)/tests/fuzz/fuzz_util.o
FUZZ_BINS = $(patsubst %,tests/fuzz/fuzz-%,$(FUZZ_TARGETS))

fuzz-all: $(FUZZ_BINS)
.PHONY: fuzz-all

# sources are in $(srcdir) (VPATH of the generated Makefile); runner/prelude.c is generated here
$(FUZZ_OBJDIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(AM_V_CC)$(FUZZ_COMPILE) -c -o $@ $<

$(FUZZ_OBJDIR)/libdlt-fuzz.a: $(FUZZ_LIB_OBJS)
	$(AM_V_AR)rm -f $@ && $(AR) $(ARFLAGS) $@ $(FUZZ_LIB_OBJS) && $(RANLIB) $@

tests/fuzz/fuzz-%: $(FUZZ_OBJDIR)/tests/fuzz/fuzz_%.o $(FUZZ_UTIL_OBJ) $(FUZZ_OBJDIR)/libdlt-fuzz.a
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(DLT_LIBS) $(LIBS)

# the targets' objects are not intermediate files to delete
.SECONDARY:

-include $(FUZZ_LIB_OBJS:.o=.d) $(patsubst %,$(FUZZ_OBJDIR)/tests/fuzz/fuzz_%.d,$(FUZZ_TARGETS)) \
	$(FUZZ_UTIL_OBJ:.o=.d)
