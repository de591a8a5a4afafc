"""Offline stand-in for @rules_proto: the proto rules built into Bazel 4.

The project uses no protocol buffers; Bazel's embedded tools load this
file, so it only has to re-export the native rules.
"""

proto_lang_toolchain = native.proto_lang_toolchain
proto_library = native.proto_library
