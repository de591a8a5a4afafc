"""The C++ toolchains beside Bazel's auto-configured host gcc.

Each toolchain is Bazel's own Starlark `cc_toolchain_config` (the one its
auto-configured Unix toolchains use, so it behaves alike on Bazel 4.2.3)
with our tools and flags, wrapped in a `cc_toolchain`. //tools/toolchains:suite
maps a `--cpu` value to each, so every target has its own output directory
(bazel-out/<cpu>-fastbuild) and switching configurations rebuilds nothing.
The configurations that select them are in .bazelrc (--config=clang, asan,
ubsan, cortex_m3 ... cortex_m55).
"""

load("@bazel_tools//tools/cpp:unix_cc_toolchain_config.bzl", "cc_toolchain_config")

# Every toolchain turns warnings into errors, as TFM_COPTS does for gcc.
WARNING_FLAGS = [
    "-Wall",
    "-Wextra",
    "-Werror",
]

# As Bazel's auto-configured toolchains: the same outputs on every machine.
_REPRODUCIBLE_FLAGS = [
    "-no-canonical-prefixes",
    "-Wno-builtin-macro-redefined",
    "-D__DATE__=\"redacted\"",
    "-D__TIMESTAMP__=\"redacted\"",
    "-D__TIME__=\"redacted\"",
]

_CLANG_INCLUDES = [
    "/usr/lib/llvm-14/lib/clang/14.0.6/include",
    "/usr/lib/clang/14.0.6/include",
    "/usr/include/c++/12",
    "/usr/include/x86_64-linux-gnu/c++/12",
    "/usr/include/c++/12/backward",
    "/usr/local/include",
    "/usr/include/x86_64-linux-gnu",
    "/usr/include",
]

_ARM_INCLUDES = [
    "/usr/lib/gcc/arm-none-eabi/12.2.1/include",
    "/usr/lib/gcc/arm-none-eabi/12.2.1/include-fixed",
    "/usr/lib/arm-none-eabi/include",
    # Debian's newlib (and newlib-nano's newlib.h, which nano.specs puts
    # first).
    "/usr/include/newlib",
]

def _tool_paths(prefix):
    tools = {
        "ar": "ar",
        "cpp": "cpp",
        "dwp": "dwp",
        "gcc": "gcc",
        "gcov": "gcov",
        "ld": "ld",
        "llvm-cov": "false",
        "nm": "nm",
        "objcopy": "objcopy",
        "objdump": "objdump",
        "strip": "strip",
    }
    return {
        name: "/bin/false" if tool == "false" else "/usr/bin/" + prefix + tool
        for name, tool in tools.items()
    }

def _toolchain(name, config_kwargs):
    cc_toolchain_config(
        name = name + "_config",
        abi_libc_version = "local",
        abi_version = "local",
        toolchain_identifier = name,
        **config_kwargs
    )
    native.cc_toolchain(
        name = name,
        all_files = ":toolchain_files",
        ar_files = ":toolchain_files",
        as_files = ":toolchain_files",
        compiler_files = ":toolchain_files",
        dwp_files = ":toolchain_files",
        linker_files = ":toolchain_files",
        objcopy_files = ":toolchain_files",
        strip_files = ":toolchain_files",
        supports_param_files = True,
        toolchain_config = ":" + name + "_config",
        toolchain_identifier = name,
    )

def host_clang_toolchain(name, cpu, sanitize_flags = []):
    """Debian's clang 14 for the host, optionally with sanitizers.

    Args:
      name: toolchain name.
      cpu: the --cpu value that selects it (its output directory name).
      sanitize_flags: -fsanitize... options, passed to compiles and links.
    """
    tools = _tool_paths("")
    tools["gcc"] = "/usr/bin/clang"
    tools["cpp"] = "/usr/bin/clang-cpp"
    tools["ld"] = "/usr/bin/ld.lld"
    _toolchain(name, dict(
        cpu = cpu,
        compiler = "clang",
        host_system_name = "local",
        target_system_name = "local",
        target_libc = "local",
        tool_paths = tools,
        cxx_builtin_include_directories = _CLANG_INCLUDES,
        compile_flags = [
            "-fno-omit-frame-pointer",
            "-fcolor-diagnostics",
        ] + WARNING_FLAGS + sanitize_flags,
        dbg_compile_flags = ["-g"],
        opt_compile_flags = [
            "-O2",
            "-DNDEBUG",
            "-ffunction-sections",
            "-fdata-sections",
        ],
        cxx_flags = ["-std=c++17"],
        link_flags = ["-fuse-ld=lld"] + sanitize_flags,
        link_libs = [
            "-lstdc++",
            "-lm",
        ],
        opt_link_flags = ["-Wl,--gc-sections"],
        unfiltered_compile_flags = _REPRODUCIBLE_FLAGS,
        supports_start_end_lib = True,
    ))

def arm_none_eabi_toolchain(name, cpu, cpu_flags):
    """Debian's gcc-arm-none-eabi 12.2 with newlib-nano for one Cortex-M CPU.

    Code is built for size (-Os) with one section per function and object
    so the link drops what a program does not use. Programs bring their own
    start-up code and linker script (//tensorflow_micro/platform:cortex_m).

    Args:
      name: toolchain name.
      cpu: the --cpu value that selects it (its output directory name).
      cpu_flags: -mcpu/-mfloat-abi/-mfpu for compiles and links.
    """
    _toolchain(name, dict(
        cpu = cpu,
        compiler = "gcc",
        host_system_name = "local",
        target_system_name = "arm-none-eabi",
        target_libc = "newlib-nano",
        tool_paths = _tool_paths("arm-none-eabi-"),
        cxx_builtin_include_directories = _ARM_INCLUDES,
        compile_flags = cpu_flags + [
            "-mthumb",
            "-Os",
            "-ffunction-sections",
            "-fdata-sections",
        ] + WARNING_FLAGS,
        dbg_compile_flags = ["-g"],
        opt_compile_flags = ["-DNDEBUG"],
        cxx_flags = [
            "-std=c++17",
            # Function-local statics need no locks on a single-threaded MCU.
            "-fno-threadsafe-statics",
        ],
        link_flags = cpu_flags + [
            "-mthumb",
            "--specs=nano.specs",
            "--specs=nosys.specs",
            "-nostartfiles",
            "-Wl,--gc-sections",
        ],
        link_libs = [
            "-lstdc++",
            "-lm",
        ],
        unfiltered_compile_flags = [
            # Bazel compiles fastbuild binaries as PIC when a toolchain
            # supports it (Bazel's config always does); a bare-metal program
            # has no loader to fill a GOT. These flags come after -fPIC.
            "-fno-pic",
        ] + _REPRODUCIBLE_FLAGS,
        supports_start_end_lib = False,
    ))
