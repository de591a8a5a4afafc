"""The vendor kernel libraries of tensorflow_micro/kernels/vendor/.

One name per folder. `--define tfmicro_vendor=<name>` selects one; each
folder's BUILD exports `vendor_kernels.inc` (its TFM_VENDOR_KERNEL list)
and a filegroup `srcs` (its sources and headers).
"""

VENDORS = ["arm_dsp", "arm_mve"]

def vendor_select(label, default):
    """A select() over the vendors: [label with {} replaced by the selected
    vendor's name], or `default` without a vendor."""
    branches = {
        "//tensorflow_micro/kernels/vendor:" + name: [label.format(name)]
        for name in VENDORS
    }
    branches["//conditions:default"] = default
    return select(branches)
