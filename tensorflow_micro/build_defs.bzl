"""Compiler options and rule macros shared by every tfmicro C++ target."""

load("//tensorflow_micro/platform:boards.bzl", "on_cortex_m")

# C++ options for the runtime, its kernels and their tests. The core has no
# exceptions and no RTTI; warnings are errors; variable-length arrays (a GNU
# extension that hides unbounded stack use) are rejected. No fused
# multiply-add contraction: GCC fuses a * b + c on FPUs that have it (Cortex-M4F
# and up), which rounds differently from the host and from TFLite, e.g. in
# the int16 lookup tables (found by tools/conformance/on_target.py).
TFM_COPTS = [
    "-std=c++17",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-Wvla",
    "-fno-exceptions",
    "-fno-rtti",
    "-ffp-contract=off",
]

# The same warnings for C and assembler sources (board start-up code).
TFM_C_COPTS = [
    "-std=c11",
    "-Wall",
    "-Wextra",
    "-Werror",
]

def tfm_cc_library(name, copts = [], **kwargs):
    """A cc_library compiled with TFM_COPTS (plus `copts`)."""
    native.cc_library(
        name = name,
        copts = TFM_COPTS + copts,
        **kwargs
    )

# Every test links the platform of the build's target (host, or the
# Cortex-M start-up and semihosting under --config=cortex_m*), so the same
# test runs on the host and on an emulated board.
_TARGET_PLATFORM = "//tensorflow_micro/platform:default"
_HOST_PLATFORM = [
    "//tensorflow_micro/platform:host",
    _TARGET_PLATFORM,
]

def tfm_cc_test(name, srcs, deps = [], copts = [], size = "small", **kwargs):
    """A C++ test built with TFM_COPTS, linked statically.

    Tests use //tensorflow_micro/testing:micro_test (TFM_TEST, TFM_TEST_MAIN);
    list it in `deps`. The platform of the build's target is linked in
    (//tensorflow_micro/platform:default, in place of :host).

    Args:
      name: test name.
      srcs: test sources.
      deps: libraries under test and the test framework.
      copts: extra options after TFM_COPTS.
      size: Bazel test size.
      **kwargs: passed to cc_test (data, args, tags, ...).
    """
    native.cc_test(
        name = name,
        srcs = srcs,
        deps = [dep for dep in deps if dep not in _HOST_PLATFORM] +
               [_TARGET_PLATFORM],
        copts = TFM_COPTS + copts,
        # Failure messages print floats (%g): newlib-nano links that code
        # only when asked.
        linkopts = kwargs.pop("linkopts", []) +
                   on_cortex_m(["-u", "_printf_float"]),
        linkstatic = True,
        size = size,
        **kwargs
    )
