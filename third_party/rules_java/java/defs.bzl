"""Offline stand-in for @rules_java: the Java rules built into Bazel 4.

The project has no Java; Bazel's embedded tools load this file while
resolving toolchains, so it only has to re-export the native rules.
"""

java_binary = native.java_binary
java_import = native.java_import
java_library = native.java_library
java_plugin = native.java_plugin
java_proto_library = native.java_proto_library
java_runtime = native.java_runtime
java_test = native.java_test
java_toolchain = native.java_toolchain
