# Generates the .npy fixtures read by NpyReadTests: independent ground truth written by NumPy itself.
# Run from this folder with Debian's python3-numpy (1.24.2): /usr/bin/python3 generate.py
# The expected contents are restated by hand in NpyReadTests.cs; tests never run Python.
import numpy as np
from numpy.lib import format as npformat


def save(name, array, version=None, allow_pickle=False):
    with open(name, "wb") as f:
        npformat.write_array(f, array, version=version, allow_pickle=allow_pickle)


save("f4_v1.npy", np.arange(6, dtype="<f4").reshape(2, 3) * np.float32(0.5) - np.float32(1))
save("f2_v1.npy", np.array([0.5, -2.0, 65504.0, 2.0**-24], dtype="<f2"))
save("f8_v2.npy", np.array([[1.25, -3.5]], dtype="<f8"), version=(2, 0))
save("i4_v1.npy", np.array([-2147483648, -1, 0, 2147483647], dtype="<i4"))
save("i8_v3.npy", np.array([-(2**62), 0, 2**40 + 1], dtype="<i8"), version=(3, 0))
save("u1_v1.npy", np.array([[0, 255], [7, 128]], dtype="|u1"))
save("i1_v1.npy", np.array([-128, 127, 0], dtype="|i1"))
save("b1_v1.npy", np.array([True, False, True], dtype="|b1"))
save("scalar_f4.npy", np.array(3.25, dtype="<f4"))
save("empty_f4.npy", np.zeros((0, 3), dtype="<f4"))
save("rank4_f4.npy", np.arange(24, dtype="<f4").reshape(1, 2, 3, 4))
save("fortran_f4.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
save("bigendian_f4.npy", np.arange(3, dtype=">f4"))
save("object.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
save("complex_c8.npy", np.array([1 + 2j], dtype="<c8"))
save("structured.npy", np.zeros(2, dtype=[("a", "<f4")]))
