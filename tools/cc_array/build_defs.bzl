"""cc_array_library: embeds a binary file (e.g. a .tflite model) in C++.

    load("//tools/cc_array:build_defs.bzl", "cc_array_library")

    cc_array_library(
        name = "sine_int8_model",
        src = "sine_int8.tflite",
        symbol = "g_sine_int8_model",
    )

makes a cc_library `sine_int8_model` with the header
`<package>/sine_int8_model.h` declaring

    extern const unsigned char g_sine_int8_model[];  // alignas(16)
    extern const unsigned int g_sine_int8_model_len;
"""

load("//tensorflow_micro:build_defs.bzl", "TFM_COPTS")

# Resolved against this file's repository, so the macro also works when
# tfmicro is an external repository of another workspace.
_GENERATOR = str(Label("//tools/cc_array:generate_cc_array"))

def cc_array_library(name, src, symbol, **kwargs):
    """A cc_library holding the bytes of `src` as a 16-byte aligned array.

    Args:
      name: name of the cc_library; the files are `<name>.h` / `<name>.cc`.
      src: label of the binary file to embed.
      symbol: C++ identifier of the array; `<symbol>_len` holds its size.
      **kwargs: passed to the cc_library (visibility, testonly, tags,
        copts added after TFM_COPTS...).
    """
    header = name + ".h"
    source = name + ".cc"
    package = native.package_name()
    include_path = package + "/" + header if package else header
    native.genrule(
        name = name + "_cc_array",
        srcs = [src],
        outs = [source, header],
        cmd = " ".join([
            "$(location %s)" % _GENERATOR,
            "--input $(location %s)" % src,
            "--symbol " + symbol,
            "--cc $(location %s)" % source,
            "--header $(location %s)" % header,
            "--include_path " + include_path,
        ]),
        tools = [_GENERATOR],
        testonly = kwargs.get("testonly", False),
        visibility = ["//visibility:private"],
    )
    copts = TFM_COPTS + kwargs.pop("copts", [])
    native.cc_library(
        name = name,
        srcs = [source],
        hdrs = [header],
        copts = copts,
        **kwargs
    )
