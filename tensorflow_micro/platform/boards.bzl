"""The qemu-system-arm boards of the Cortex-M platform, one per CPU.

Each CPU configuration of //tools/toolchains (--config=cortex_m4 ...) runs on
one board: its linker script and its SysTick clock, from
tools/toolchains/targets.bzl.
"""

load("//tools/toolchains:targets.bzl", "CORTEX_M_TARGETS")

CORTEX_M_BOARDS = {
    cpu: struct(
        board = target["board"],
        script = target["linker_script"],
        hz = target["systick_hz"],
    )
    for cpu, target in CORTEX_M_TARGETS.items()
}

def _condition(cpu):
    # Label(): resolved in this repository also when tfmicro is external.
    return str(Label("//tools/toolchains:on_" + cpu))

def _select(per_cpu, default):
    branches = dict(per_cpu)
    branches["//conditions:default"] = default
    return select(branches)

def on_cortex_m(value, otherwise = []):
    """`value` when building for a Cortex-M CPU, else `otherwise`."""
    return _select({_condition(cpu): value for cpu in CORTEX_M_BOARDS}, otherwise)

def cortex_m_copts():
    """-DTFM_SYSTICK_HZ=<the board's processor clock>."""
    return _select({
        _condition(cpu): ["-DTFM_SYSTICK_HZ=%d" % b.hz]
        for cpu, b in CORTEX_M_BOARDS.items()
    }, [])

def cortex_m_linker_scripts(prefix):
    """Labels of the board's linker script and the sections it includes."""
    return _select({
        _condition(cpu): [prefix + "cortex_m_sections.ld", prefix + b.script]
        for cpu, b in CORTEX_M_BOARDS.items()
    }, [])

def cortex_m_linkopts(prefix):
    """-T <the board's linker script>."""
    return _select({
        _condition(cpu): ["-T", "$(location %s%s)" % (prefix, b.script)]
        for cpu, b in CORTEX_M_BOARDS.items()
    }, [])
