"""native_source_manifest: the C++ sources Bazel compiles into a library.

An aspect walks `deps` from the given target and collects the source files
(`srcs`, `hdrs`, `textual_hdrs`) of every rule in this repository. The rule
writes the sorted list of `.cc` files to `<name>.txt` and puts every
collected file (sources, headers, generated headers) into its runfiles, so
a test can compare tfmicro/native_sources.py's globs with what Bazel
builds, and build the library from the runfiles tree.
"""

_CollectedSources = provider(fields = ["files"])

def _collect_sources_impl(target, ctx):
    direct = []
    for attr in ("srcs", "hdrs", "textual_hdrs"):
        for f in getattr(ctx.rule.files, attr, []):
            if f.owner.workspace_name == "":
                direct.append(f)
    transitive = [
        dep[_CollectedSources].files
        for dep in getattr(ctx.rule.attr, "deps", [])
        if _CollectedSources in dep
    ]
    return [_CollectedSources(files = depset(direct, transitive = transitive))]

_collect_sources = aspect(
    implementation = _collect_sources_impl,
    attr_aspects = ["deps"],
)

def _native_source_manifest_impl(ctx):
    files = ctx.attr.library[_CollectedSources].files.to_list()
    sources = sorted([
        f.short_path
        for f in files
        if f.is_source and f.extension == "cc"
    ])
    manifest = ctx.actions.declare_file(ctx.label.name + ".txt")
    ctx.actions.write(manifest, "\n".join(sources) + "\n")
    return [DefaultInfo(
        files = depset([manifest]),
        runfiles = ctx.runfiles(files = files + [manifest]),
    )]

native_source_manifest = rule(
    implementation = _native_source_manifest_impl,
    attrs = {
        "library": attr.label(aspects = [_collect_sources], mandatory = True),
    },
)
