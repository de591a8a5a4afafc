"""flatbuffer_cc_library: C++ code from a .fbs schema with the system flatc."""

def flatbuffer_cc_library(name, src, flatc_args = [], visibility = None, **kwargs):
    """Generates `<stem>_generated.h` from `src` and wraps it in a cc_library.

    The header lands beside the schema, so a schema at
    `pkg/schema.fbs` is included as `#include "pkg/schema_generated.h"`.

    Args:
      name: name of the cc_library.
      src: the .fbs schema (a file in this package).
      flatc_args: extra flatc options (after `--cpp`).
      visibility: visibility of the cc_library.
      **kwargs: passed to the cc_library (e.g. compatible_with, tags).
    """
    if not src.endswith(".fbs"):
        fail("flatbuffer_cc_library: src must be a .fbs file, got " + src)
    stem = src.split(":")[-1].split("/")[-1][:-len(".fbs")]
    header = stem + "_generated.h"
    native.genrule(
        name = name + "_flatc",
        srcs = [src],
        outs = [header],
        cmd = " ".join(["flatc", "--cpp"] + flatc_args + ["-o", "$(@D)", "$(SRCS)"]),
        message = "flatc --cpp " + src,
        visibility = ["//visibility:private"],
    )
    native.cc_library(
        name = name,
        hdrs = [header],
        deps = ["@flatbuffers"],
        visibility = visibility,
        **kwargs
    )
