"""py_test targets that run one pytest file with the tfmicro package."""

def pytest_test(name, src, data = [], env = {}, deps = [], **kwargs):
    """A py_test running `src` under pytest (python/tests/pytest_main.py).

    The test finds the native library through TFMICRO_LIBRARY (its runfiles
    path, made absolute by pytest_main.py).
    """
    native.py_test(
        name = name,
        srcs = ["tests/pytest_main.py", src],
        main = "tests/pytest_main.py",
        args = ["$(rootpath %s)" % src],
        data = data + ["//tensorflow_micro/c:libtfmicro_c.so"],
        env = dict(
            {"TFMICRO_LIBRARY": "$(rootpath //tensorflow_micro/c:libtfmicro_c.so)"},
            **env
        ),
        python_version = "PY3",
        deps = deps + [":test_support"],
        # Runs on the host with the host build of libtfmicro_c.so: skipped on
        # the Cortex-M and sanitizer configurations (see .bazelrc).
        tags = kwargs.pop("tags", []) + ["host_only"],
        **kwargs
    )
