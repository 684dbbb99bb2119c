"""Writes this folder's fixtures with real Keras 3 (numpy backend), as an independent reference.

Run with a Python that has keras and h5py (e.g. a venv: `pip install keras`), from this folder:
    python make_fixtures.py
Written by Keras 3.15.1 on numpy 2.4.6. Keras's numpy backend imports jax for its convolutions
only; no model here has one, so a stand-in module that raises is put in jax's place.

- functional.keras, functional_io.json: a functional model of two inputs and two outputs, with a
  layer shared between the inputs (two inbound nodes), a Concatenate, a nested functional model and
  per-output losses with loss weights, compiled with Adam whose state is set by hand to random
  values at iteration 3 (the numpy backend cannot fit), then saved. functional_io.json holds inputs,
  Keras's predictions for them and the Keras paths of optimizer/vars/0, 1, ... in order. functional_io.json holds inputs and Keras's predictions for them.
- functional-layout.json: the Keras 3 layout of functional.keras (config.json as written, less
  the in-memory shared_object_id; the HDF5 groups, datasets with shapes and dtypes, and attributes).
- rnn.keras, rnn_io.json: a Sequential of LSTM, Bidirectional(GRU), TimeDistributed(Dense) and
  SimpleRNN, for the nested weight paths (layers/lstm/cell/vars, layers/bidirectional/
  forward_layer/cell/vars, layers/time_distributed/layer/vars, ...).
- hard_sigmoid_keras2.keras, hard_sigmoid_keras2_io.json: a Dense and an LSTM whose activations are
  Keras 1/2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1), written as keras4j writes it (a Sequential of
  Rescaling(0.2, 0.5) and ReLU(max_value=1)); Keras computes and re-saves it.
"""
import io
import json
import os
import sys
import types
import zipfile

os.environ["KERAS_BACKEND"] = "numpy"


def _no_jax(*a, **k):
    raise NotImplementedError("jax is not available here")


_jax_math = types.ModuleType("keras.src.backend.jax.math")
_jax_math.fft = _jax_math.fft2 = _no_jax
sys.modules["keras.src.backend.jax.math"] = _jax_math
_jax = types.ModuleType("jax")
_lax = types.ModuleType("jax.lax")
_lax.conv_general_dilated = _lax.conv_transpose = _no_jax
_jax.lax = _lax
_jax.monitoring = types.SimpleNamespace(record_scalar=lambda *a, **k: None)
sys.modules["jax"] = _jax
sys.modules["jax.lax"] = _lax

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

L = keras.layers
keras.utils.set_random_seed(7)
rng = np.random.default_rng(7)


def strip_ids(o):
    if isinstance(o, dict):
        return {k: strip_ids(v) for k, v in o.items() if k != "shared_object_id"}
    if isinstance(o, list):
        return [strip_ids(v) for v in o]
    return o


def layout(path):
    z = zipfile.ZipFile(path)
    config = strip_ids(json.loads(z.read("config.json")))
    groups, datasets, attrs = [], {}, {}
    h = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")

    def visit(name, o):
        if isinstance(o, h5py.Group):
            groups.append("/" + name)
        else:
            datasets["/" + name] = {"shape": list(o.shape), "dtype": str(o.dtype)}
        if o.attrs:
            attrs["/" + name] = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in o.attrs.items()}

    h.visititems(visit)
    return {"zip_entries": [i.filename for i in z.infolist()], "config": config, "h5_groups": sorted(groups),
            "h5_datasets": datasets, "h5_attributes": attrs}


def dump(name, inputs, outputs, model=None):
    d = {"keras_version": keras.__version__,
         "inputs": [{"shape": list(x.shape), "data": x.ravel().tolist()} for x in inputs],
         "outputs": [{"shape": list(y.shape), "data": np.asarray(y).ravel().tolist()} for y in outputs]}
    if model is not None and model.optimizer is not None and model.optimizer.built:
        # the optimizer's variables in the order of optimizer/vars/0, 1, ... (their Keras paths)
        d["optimizer_variables"] = [v.path for v in model.optimizer.variables]
    with open(name, "w") as f:
        json.dump(d, f)


# ---- functional: two inputs, a shared layer, a merge, a nested model, two outputs
a = keras.Input((4,), name="a")
b = keras.Input((4,), name="b")
shared = L.Dense(3, activation="relu", name="shared")
h = L.Concatenate(name="cat")([shared(a), shared(b)])
x_in = keras.Input((6,), name="inner_in")
inner = keras.Model(x_in, L.Dense(5, activation="tanh", name="inner_dense")(x_in), name="inner")
out1 = L.Dense(1, name="out1")(h)
out2 = L.Dense(2, activation="softmax", name="out2")(L.Add(name="add")([inner(h), L.Dense(5, name="skip")(h)]))
model = keras.Model([a, b], [out1, out2], name="two_heads")
model.compile(optimizer=keras.optimizers.Adam(0.01), loss=["mse", "sparse_categorical_crossentropy"], loss_weights=[0.5, 2.0])
xa = rng.normal(size=(8, 4)).astype("float32")
xb = rng.normal(size=(8, 4)).astype("float32")
# the numpy backend cannot fit: the optimizer state is set by hand (iterations 3, random slots)
model.optimizer.build(model.trainable_variables)
for v in model.optimizer.variables[2:]:
    v.assign(np.abs(rng.normal(size=v.shape)).astype("float32") * 0.01)
model.optimizer.iterations.assign(3)
model.save("functional.keras")
p1, p2 = model.predict([xa, xb], verbose=0)
dump("functional_io.json", [xa, xb], [p1, p2], model)
with open("functional-layout.json", "w") as f:
    json.dump(dict(about="The layout Keras " + keras.__version__ + " writes for functional.keras, a functional model of two"
                   " inputs and two outputs with a shared layer, merges and a nested model (make_fixtures.py): config.json as written"
                   " (less shared_object_id, an in-memory id), as keras/src/models/functional.py's Functional.get_config and"
                   " serialize_node and keras/src/saving/serialization_lib.py write it (inbound_nodes of {args, kwargs} with"
                   " __keras_tensor__ keras_history [layer, node, tensor]; input_layers/output_layers count a nested model's"
                   " nodes from 1); the HDF5 groups, datasets (shape, dtype) and attributes of model.weights.h5 as"
                   " keras/src/saving/saving_lib.py's _save_state writes them (layers in Function._operations order, by"
                   " class name made unique; iterations is int32 under this numpy backend, int64 under TensorFlow).",
                   **layout("functional.keras")), f, indent=1)
back = keras.models.load_model("functional.keras")
assert np.allclose(back.predict([xa, xb], verbose=0)[1], p2)

# ---- recurrent layers and wrappers
seq = keras.Sequential([keras.Input((5, 3)), L.LSTM(4, return_sequences=True, name="lstm"),
                        L.Bidirectional(L.GRU(2, return_sequences=True), name="bidirectional"),
                        L.TimeDistributed(L.Dense(3), name="time_distributed"), L.SimpleRNN(2, name="simple_rnn")],
                       name="rnn")
x = rng.normal(size=(2, 5, 3)).astype("float32")
seq.save("rnn.keras")
dump("rnn_io.json", [x], [seq.predict(x, verbose=0)])

# ---- Keras 1/2's hard_sigmoid in the form keras4j writes
hs = {"module": "keras", "class_name": "Sequential", "config": {"name": "hard_sigmoid_keras2", "layers": [
    {"module": "keras.layers", "class_name": "Rescaling", "config": {"name": "rescaling", "scale": 0.2, "offset": 0.5},
     "registered_name": None},
    {"module": "keras.layers", "class_name": "ReLU",
     "config": {"name": "re_lu", "max_value": 1.0, "negative_slope": 0.0, "threshold": 0.0}, "registered_name": None}]},
      "registered_name": None}
hsm = keras.Sequential([keras.Input((4, 3)), L.LSTM(3, recurrent_activation=hs, return_sequences=True, name="lstm"),
                        L.Dense(5, activation=hs, name="dense")], name="hard")
x = rng.normal(size=(2, 4, 3)).astype("float32") * 4
hsm.save("hard_sigmoid_keras2.keras")
dump("hard_sigmoid_keras2_io.json", [x], [hsm.predict(x, verbose=0)])
print("wrote the fixtures with Keras", keras.__version__)
