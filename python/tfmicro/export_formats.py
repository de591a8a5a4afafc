"""The formats of ``tfmicro export``: each renders one ``export.Project``.

A format decides only the layout and the build files; what is compiled,
with which include paths, defines and flags, comes from the Project, so
every format builds the same program. Build-file templates live in
tools/export/templates/<format>/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from tfmicro.export import APP_DIR, KERNEL_DIR, Project, render

# Framework-based formats bring their own start-up code and print through
# the framework: these tree files are replaced by a generated platform.
_BARE_METAL_ONLY = ("startup", ".ld")

# PlatformIO boards (STM32, framework CMSIS) for each Cortex-M target.
PLATFORMIO_BOARDS = {
    "cortex_m3": "nucleo_f103rb",
    "cortex_m4": "nucleo_f446re",
    "cortex_m7": "nucleo_f767zi",
    "cortex_m33": "nucleo_l552ze_q",
    "cortex_m55": "nucleo_h743zi",  # no Cortex-M55 board in PlatformIO
}

# Keil uVision devices of the CMSIS "ARM" pack for each target.
KEIL_DEVICES = {
    "cortex_m3": "ARMCM3",
    "cortex_m4": "ARMCM4_FP",
    "cortex_m7": "ARMCM7_DP",
    "cortex_m33": "ARMCM33_DSP_FP",
    "cortex_m55": "ARMCM55",
    "host": "ARMCM4_FP",
}


def _is_bare_metal_file(path: str) -> bool:
    name = PurePosixPath(path).name
    return "/platform/" in path and any(
        marker in name for marker in _BARE_METAL_ONLY)


def _lines(items: list[str], indent: str = "  ", end: str = "") -> str:
    return "\n".join(f"{indent}{item}{end}" for item in items)


def _values(project: Project, sources: list[str] | None = None) -> dict:
    """Placeholders every template may use."""
    sources = project.sources if sources is None else sources
    return {
        "name": project.name,
        "model_file": project.model_file,
        "target": project.target.name,
        "ops": ", ".join(project.ops),
        "arena_bytes": f"{project.arena_bytes:,}",
        "sources_make": _lines(sources, "  ", " \\").rstrip(" \\"),
        "sources_cmake": _lines(sources, "  "),
        "include_flags": " ".join(f"-I{d}" for d in project.include_dirs),
        "include_dirs_cmake": " ".join(project.include_dirs),
        "define_flags": " ".join(f"-D{d}" for d in project.defines),
        "defines_cmake": " ".join(project.defines),
        "c_flags": " ".join(project.c_flags),
        "cxx_flags": " ".join(project.cxx_flags),
        "link_flags": " ".join(project.link_flags),
        "cross": "" if project.target.is_host else "arm-none-eabi-",
        "board": project.target.board or "",
        "app": APP_DIR,
    }


def _readme(project: Project, fmt: str, how: str) -> bytes:
    values = _values(project)
    values["format"] = fmt
    values["how_to_build"] = how
    return render("README.md", values).encode()


def _qemu_command(project: Project, program: str) -> str:
    return (f"qemu-system-arm -M {project.target.board} -nographic "
            "-semihosting-config enable=on,target=native "
            f"-icount shift=0,align=off,sleep=off -kernel {program}")


# --- make and cmake ---------------------------------------------------------

def _kernel_sources(project: Project) -> list[str]:
    return [s for s in project.sources
            if s.startswith(KERNEL_DIR + "/")]


def _make(project: Project) -> dict[str, bytes]:
    values = _values(project)
    flags = " ".join(project.kernel_flags)
    values["kernel_rules"] = (
        f"# The kernels are built for speed, the rest for size.\n"
        f"$(BUILD)/{KERNEL_DIR}/%: CFLAGS += {flags}\n"
        f"$(BUILD)/{KERNEL_DIR}/%: CXXFLAGS += {flags}\n"
        if project.kernel_flags else "")
    values["run"] = ("./$(PROGRAM)" if project.target.is_host else
                     _qemu_command(project, "$(PROGRAM)"))
    files = dict(project.files)
    files["Makefile"] = render("make/Makefile", values).encode()
    how = ("make        # build/model_example\nmake run    # run it" +
           ("" if project.target.is_host else " in qemu-system-arm"))
    files["README.md"] = _readme(project, "make", how)
    return files


def _cmake(project: Project) -> dict[str, bytes]:
    values = _values(project)
    cross = not project.target.is_host
    values["toolchain"] = (
        'if(NOT CMAKE_TOOLCHAIN_FILE)\n'
        '  set(CMAKE_TOOLCHAIN_FILE\n'
        '      "${CMAKE_CURRENT_LIST_DIR}/cmake/arm-none-eabi.cmake")\n'
        'endif()\n' if cross else "")
    # CMake links in the build folder: the linker script by absolute path.
    # (-L: where the script's INCLUDEs resolve, as in the make tree.)
    values["link_flags"] = " ".join(
        "-L${CMAKE_CURRENT_SOURCE_DIR} -T${CMAKE_CURRENT_SOURCE_DIR}/" + f[2:]
        if f.startswith("-T") else f for f in project.link_flags)
    kernels = _kernel_sources(project) if project.kernel_flags else []
    values["kernel_options"] = (
        "# The kernels are built for speed, the rest for size.\n"
        "set_source_files_properties(\n" + _lines(kernels, "  ") +
        "\n  PROPERTIES COMPILE_OPTIONS \"" +
        ";".join(project.kernel_flags) + "\")\n" if kernels else "")
    values["run"] = ("$<TARGET_FILE:model_example>" if not cross else
                     _qemu_command(project, "$<TARGET_FILE:model_example>"))
    files = dict(project.files)
    files["CMakeLists.txt"] = render("cmake/CMakeLists.txt", values).encode()
    if cross:
        files["cmake/arm-none-eabi.cmake"] = render(
            "cmake/arm-none-eabi.cmake", values).encode()
    how = ("cmake -B build && cmake --build build   # build/model_example\n"
           "cmake --build build --target run")
    files["README.md"] = _readme(project, "cmake", how)
    return files


# --- IDE projects -----------------------------------------------------------

def _keil(project: Project) -> dict[str, bytes]:
    from xml.sax.saxutils import escape

    sources = [s for s in project.sources if not _is_bare_metal_file(s)]
    groups: dict[str, list[str]] = {}
    for path in sources:
        group = "app" if path.startswith(APP_DIR + "/") else str(
            PurePosixPath(path).parent).replace("tensorflow_micro/", "", 1)
        groups.setdefault(group, []).append(path)
    file_types = {".c": 1, ".S": 2, ".cc": 8}
    xml_groups = []
    for group, paths in groups.items():
        files = "".join(
            "            <File>\n"
            f"              <FileName>{escape(PurePosixPath(p).name)}"
            "</FileName>\n"
            f"              <FileType>{file_types[PurePosixPath(p).suffix]}"
            "</FileType>\n"
            f"              <FilePath>.\\{escape(p.replace('/', chr(92)))}"
            "</FilePath>\n"
            "            </File>\n" for p in paths)
        xml_groups.append(
            "        <Group>\n"
            f"          <GroupName>{escape(group)}</GroupName>\n"
            f"          <Files>\n{files}          </Files>\n"
            "        </Group>")
    values = _values(project, sources)
    values.update({
        "device": KEIL_DEVICES[project.target.name],
        "groups": "\n".join(xml_groups),
        "keil_defines": escape(" ".join(project.defines)),
        "keil_includes": escape(";".join(
            d.replace("/", "\\") for d in project.include_dirs)),
        "keil_misc": escape(" ".join(
            f for f in project.cxx_flags if not f.startswith("-std="))),
    })
    files = {p: d for p, d in project.files.items()
             if not _is_bare_metal_file(p)}
    files[f"{project.name}.uvprojx"] = render("keil/project.uvprojx",
                                              values).encode()
    how = (f"Open {project.name}.uvprojx in Keil uVision 5 (Arm Compiler 6). "
           "The device pack's start-up code and memory layout are used.")
    files["README.md"] = _readme(project, "keil", how)
    return files


def _cubeide(project: Project) -> dict[str, bytes]:
    from xml.sax.saxutils import quoteattr

    def options(items: list[str]) -> str:
        return "\n".join(
            f"                  <listOptionValue builtIn=\"false\" "
            f"value={quoteattr(item)}/>" for item in items)

    folders = sorted({p.split("/")[0] for p in project.sources})
    values = _values(project)
    values.update({
        "include_options": options(
            [f'"${{workspace_loc:/${{ProjName}}/{d}}}"' if d != "." else
             '"${workspace_loc:/${ProjName}}"' for d in project.include_dirs]),
        "define_options": options(project.defines),
        "source_entries": "\n".join(
            f'            <entry flags="VALUE_WORKSPACE_PATH" '
            f'kind="sourcePath" name="{f}"/>' for f in folders),
        "linker_script": project.linker_script or "",
        "mcpu": project.target.cpu or "cortex-m4",
        "other_flags": quoteattr(" ".join(
            f for f in project.all_flags if not f.startswith(("-m", "-O")))),
    })
    files = dict(project.files)
    files[".project"] = render("cubeide/project.xml", values).encode()
    files[".cproject"] = render("cubeide/cproject.xml", values).encode()
    how = ("File > Import > Existing Projects into Workspace, select this "
           "folder, then Project > Build.")
    files["README.md"] = _readme(project, "cubeide", how)
    return files


def _platformio(project: Project) -> dict[str, bytes]:
    """src/ holds the app, lib/tfmicro/ the runtime as a library."""
    files: dict[str, bytes] = {}
    lib_sources = []
    for path, data in project.files.items():
        if path.startswith(APP_DIR + "/"):
            files[f"src/{path}"] = data
        elif not (project.target.is_host is False and
                  _is_bare_metal_file(path)):
            files[f"lib/tfmicro/{path}"] = data
            if path in project.sources:
                lib_sources.append(path)
    values = _values(project)
    host = project.target.is_host
    values.update({
        "pio_platform": "native" if host else "ststm32",
        "pio_board": "" if host else
        f"board = {PLATFORMIO_BOARDS[project.target.name]}\n"
        "framework = cmsis\n",
        "build_flags": _lines(
            [f"-D{d}" for d in project.defines] +
            ["-Ilib/tfmicro" if d == "." else f"-Ilib/tfmicro/{d}"
             for d in project.include_dirs] +
            [f for f in project.c_flags if not f.startswith("-m")], "    "),
        "cxx_flags_list": repr(project.cxx_flags),
    })
    files["platformio.ini"] = render("platformio/platformio.ini",
                                     values).encode()
    files["cxx_flags.py"] = render("platformio/cxx_flags.py",
                                   values).encode()
    files["lib/tfmicro/library.json"] = render(
        "platformio/library.json",
        {**values, "src_filter": ", ".join(
            f'"+<{s}>"' for s in sorted(lib_sources))}).encode()
    how = "pio run            # pio run -t upload for a board"
    files["README.md"] = _readme(project, "platformio", how)
    return files


def _framework_files(project: Project, fmt: str, prefix: str
                     ) -> tuple[dict[str, bytes], list[str]]:
    """The tree under ``prefix`` with the bare-metal platform replaced by
    the framework's (templates/<fmt>/platform.cc); returns (files,
    sources)."""
    files: dict[str, bytes] = {}
    sources = []
    for path, data in project.files.items():
        if "/platform/" in path and path.endswith((".c", ".cc", ".S", ".ld")):
            continue
        if path == f"{APP_DIR}/main.cc":
            continue
        files[prefix + path] = data
        if path in project.sources:
            sources.append(path)
    platform = f"tensorflow_micro/platform/{fmt}/platform_{fmt}.cc"
    files[prefix + platform] = render(f"{fmt}/platform.cc",
                                      _values(project)).encode()
    sources.append(platform)
    return files, sorted(sources)


def _arduino(project: Project) -> dict[str, bytes]:
    files, _ = _framework_files(project, "arduino", "src/")
    values = _values(project)
    files["library.properties"] = render("arduino/library.properties",
                                         values).encode()
    files[f"src/tfmicro_{project.name}.h"] = render(
        "arduino/library_header.h", values).encode()
    sketch = f"examples/{project.name}/{project.name}.ino"
    files[sketch] = render("arduino/example.ino", values).encode()
    # Arduino puts only src/ on the include path: the runtime's
    # "tensorflow_micro/..." and "flatbuffers/..." includes resolve there.
    for path in list(files):
        if path.startswith("src/third_party/flatbuffers/include/"):
            files["src/" + path[len("src/third_party/flatbuffers/include/"):]
                  ] = files.pop(path)
    how = ("Copy this folder into your Arduino libraries folder, then open "
           f"File > Examples > tfmicro_{project.name} > {project.name}.")
    files["README.md"] = _readme(project, "arduino", how)
    return files


def _zephyr(project: Project) -> dict[str, bytes]:
    files, sources = _framework_files(project, "zephyr", "")
    values = _values(project, sources)
    files["zephyr/module.yml"] = render("zephyr/module.yml", values).encode()
    files["CMakeLists.txt"] = render("zephyr/CMakeLists.txt", values).encode()
    files["Kconfig"] = render("zephyr/Kconfig", values).encode()
    sample = f"samples/{project.name}"
    files[f"{sample}/CMakeLists.txt"] = render("zephyr/sample_CMakeLists.txt",
                                               values).encode()
    files[f"{sample}/prj.conf"] = render("zephyr/prj.conf", values).encode()
    files[f"{sample}/src/main.cc"] = render("zephyr/main.cc", values).encode()
    how = ("west build -b <board> samples/" + project.name +
           " -- -DZEPHYR_EXTRA_MODULES=$PWD")
    files["README.md"] = _readme(project, "zephyr", how)
    return files


def _espidf(project: Project) -> dict[str, bytes]:
    prefix = "components/tfmicro/"
    files, sources = _framework_files(project, "espidf", prefix)
    app_sources = [s for s in sources if s.startswith(APP_DIR + "/")]
    lib_sources = [s for s in sources if s not in app_sources]
    values = _values(project)
    values["sources_cmake"] = _lines(lib_sources + app_sources, "    ")
    files[prefix + "CMakeLists.txt"] = render("espidf/component.cmake",
                                              values).encode()
    files["CMakeLists.txt"] = render("espidf/CMakeLists.txt", values).encode()
    files["main/CMakeLists.txt"] = render("espidf/main.cmake", values).encode()
    files["main/main.cc"] = render("espidf/main.cc", values).encode()
    how = "idf.py set-target esp32s3 && idf.py build flash monitor"
    files["README.md"] = _readme(project, "espidf", how)
    return files


_RENDERERS: dict[str, Callable[[Project], dict[str, bytes]]] = {
    "make": _make, "cmake": _cmake, "keil": _keil, "cubeide": _cubeide,
    "platformio": _platformio, "arduino": _arduino, "zephyr": _zephyr,
    "espidf": _espidf,
}


def render_format(project: Project, fmt: str) -> dict[str, bytes]:
    return _RENDERERS[fmt](project)
