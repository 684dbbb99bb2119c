"""numpy's (and keras.utils.normalize's numpy path) values for UtilsTest and NDArrayOpsTest,
pasted there. Run: python3 reference_utils.py"""
import numpy as np

x = np.array([[1.0, -2.0, 3.0], [4.0, 0.5, -6.0]], np.float32)
print("std0", x.std(0).tolist())
print("std1", x.std(1).tolist())
print("mean0", x.mean(0).tolist())
print("std_all", float(x.std()))
norm = np.atleast_1d(np.linalg.norm(x, 2, -1)); norm[norm == 0] = 1
print("normalize_l2_last", (x / np.expand_dims(norm, -1)).tolist())
norm = np.atleast_1d(np.linalg.norm(x, 1, 0)); norm[norm == 0] = 1
print("normalize_l1_axis0", (x / np.expand_dims(norm, 0)).tolist())
z = np.array([[0.0, 0.0], [3.0, 4.0]], np.float32)
norm = np.atleast_1d(np.linalg.norm(z, 2, -1)); norm[norm == 0] = 1
print("normalize_zero_row", (z / np.expand_dims(norm, -1)).tolist())
print("standardize", ((x - x.mean(0)) / x.std(0)).tolist())
print("div255", (x / 255).tolist())
