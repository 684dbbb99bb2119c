#!/usr/bin/env python3
"""Checks .keras files written by keras4j with readers that are not keras4j's.

    python3 scripts/check-keras-file.py [--h5py-only] DIR_OR_FILE.keras ...

For each file:
 1. h5py (the HDF5 reference library, through its Python binding) reads model.weights.h5: every
    layer of config.json (nested models included) must have its group under layers/ as Keras 3's
    saving_lib names it, every dataset must be float32 (iterations: an integer) and finite, and
    optimizer/vars must hold iterations, learning_rate and the slots; the zip must hold exactly
    metadata.json, config.json and model.weights.h5, stored.
 2. When Keras 3 is importable (KERAS_BACKEND, default numpy), keras.models.load_model reads the
    file in safe mode and predicts the inputs of <name>_io.json beside it; the outputs must equal
    keras4j's within 1e-5 absolute or 1e-4 relative. Keras's numpy backend imports jax only for
    its convolutions; when jax is absent a stand-in that raises is put in its place, so files with
    convolutions are then checked by h5py only.
The files come from `io.keras4j.saving.WriteCheckFiles` (keras4j-core's test classes).
Exit status 0 when every check passed.
"""
import io
import json
import math
import os
import sys
import types
import zipfile

import h5py
import numpy as np

failures = []


def fail(msg):
    failures.append(msg)
    print("  FAIL", msg)


def snake(name):
    import re
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def expected_groups(model_cfg, prefix, out):
    """The layer groups Keras 3 writes for a serialized model (its `layers` list order)."""
    cfg = model_cfg["config"]
    used = {}
    for layer in cfg["layers"]:
        cls = layer["class_name"]
        if model_cfg["class_name"] == "Sequential" and cls == "InputLayer":
            continue
        base = "functional" if cls == "Functional" else snake(cls)
        k = used.get(base)
        used[base] = 0 if k is None else k + 1
        path = prefix + "layers/" + (base if k is None else "%s_%d" % (base, k + 1))
        out.append(path)
        if cls == "Functional":
            expected_groups(layer, path + "/", out)
    return out


def check_h5(name, z):
    config = json.loads(z.read("config.json"))
    h = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    for path in expected_groups(config, "", []):
        if path + "/vars" not in h:
            fail("%s: no group /%s/vars" % (name, path))
    n = 0
    for key, ds in _datasets(h):
        n += 1
        data = ds[()]
        if key == "optimizer/vars/0":
            if not np.issubdtype(ds.dtype, np.integer):
                fail("%s: iterations is %s" % (name, ds.dtype))
            continue
        if ds.dtype != np.float32:
            fail("%s: /%s is %s" % (name, key, ds.dtype))
        if not np.all(np.isfinite(data)):
            fail("%s: /%s is not finite" % (name, key))
    if "compile_config" in config and "optimizer/vars" in h and len(h["optimizer/vars"]) < 2:
        fail("%s: optimizer/vars holds %d datasets" % (name, len(h["optimizer/vars"])))
    print("  h5py: %d datasets, layer groups as Keras 3 names them" % n)


def _datasets(g, prefix=""):
    for k, v in g.items():
        if isinstance(v, h5py.Dataset):
            yield prefix + k, v
        else:
            yield from _datasets(v, prefix + k + "/")


def import_keras():
    os.environ.setdefault("KERAS_BACKEND", "numpy")
    try:
        import jax  # noqa: F401
    except ImportError:
        def no_jax(*a, **k):
            raise NotImplementedError("jax is not installed: convolutions cannot run here")
        m = types.ModuleType("keras.src.backend.jax.math")
        m.fft = m.fft2 = no_jax
        sys.modules["keras.src.backend.jax.math"] = m
        jax = types.ModuleType("jax")
        lax = types.ModuleType("jax.lax")
        lax.__getattr__ = no_jax  # any jax.lax name raises when used
        jax.lax = lax
        jax.monitoring = types.SimpleNamespace(record_scalar=lambda *a, **k: None)
        sys.modules["jax"] = jax
        sys.modules["jax.lax"] = lax
    try:
        import keras
        return keras
    except ImportError:
        return None


PENALTIES = ("kernel_regularizer", "bias_regularizer", "depthwise_regularizer", "pointwise_regularizer",
             "activity_regularizer", "kernel_constraint", "bias_constraint", "depthwise_constraint",
             "pointwise_constraint")


def check_keras(keras, path):
    name = os.path.basename(path)
    model = keras.models.load_model(path)  # safe_mode=True
    for layer in model.layers:
        got = ["%s=%s" % (a, type(getattr(layer, a)).__name__) for a in PENALTIES if getattr(layer, a, None) is not None]
        if got:
            print("  keras: %s %s" % (layer.name, ", ".join(got)))
    io_path = path[: -len(".keras")] + "_io.json"
    if not os.path.exists(io_path):
        print("  keras %s: loaded (no _io.json beside it)" % keras.__version__)
        return
    spec = json.load(open(io_path))
    xs = [np.array(a["data"], dtype="float32").reshape(a["shape"]) for a in spec["inputs"]]
    want = [np.array(a["data"], dtype="float32").reshape(a["shape"]) for a in spec["outputs"]]
    try:
        got = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    except Exception as e:
        if "jax is not installed" not in str(e):
            raise
        print("  keras %s: loaded in safe mode; not run (its convolutions need jax)" % keras.__version__)
        return
    got = got if isinstance(got, (list, tuple)) else [got]
    worst = 0.0
    for w, g in zip(want, got):
        if w.shape != g.shape:
            fail("%s: Keras's output shape %s, keras4j's %s" % (name, g.shape, w.shape))
            continue
        err = np.abs(w - g)
        bad = (err > 1e-5) & (err > 1e-4 * np.abs(w))
        worst = max(worst, float(err.max()))
        if bad.any():
            fail("%s: %d outputs differ, largest difference %g" % (name, int(bad.sum()), float(err.max())))
    opt = ""
    if model.optimizer is not None and model.optimizer.built:
        opt = ", optimizer %s at iteration %d" % (model.optimizer.name, int(model.optimizer.iterations.numpy()))
    print("  keras %s: loaded in safe mode, %d output(s) equal to keras4j's (largest difference %.3g)%s"
          % (keras.__version__, len(want), worst, opt))


def main(args):
    h5py_only = "--h5py-only" in args
    args = [a for a in args if a != "--h5py-only"]
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".keras"))
        else:
            files.append(a)
    keras = None if h5py_only else import_keras()
    print("h5py %s, HDF5 %s; keras %s" % (h5py.__version__, h5py.version.hdf5_version,
                                          keras.__version__ if keras else "not installed"))
    for path in files:
        name = os.path.basename(path)
        print(name)
        z = zipfile.ZipFile(path)
        entries = [(i.filename, i.compress_type) for i in z.infolist()]
        if [e[0] for e in entries] != ["metadata.json", "config.json", "model.weights.h5"]:
            fail("%s: zip entries %s" % (name, [e[0] for e in entries]))
        if any(c != zipfile.ZIP_STORED for _, c in entries):
            fail("%s: entries not stored" % name)
        check_h5(name, z)
        if keras:
            try:
                check_keras(keras, path)
            except Exception as e:  # a file Keras cannot load is a failure of the check
                fail("%s: Keras cannot load it: %s: %s" % (name, type(e).__name__, e))
    print("%d passed, %d failed" % (len(files) - len({f.split(":")[0] for f in failures}), len({f.split(":")[0] for f in failures})))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
