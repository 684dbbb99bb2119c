"""Keras's "Simple MNIST convnet" (keras.io/examples/vision/mnist_convnet) in PyTorch with Keras 3's
semantics, the independent reference for keras4j's MnistConvnet accuracy (issue #12) on the
project's mnist-10k split (8,000 train / 2,000 test, all 8,000 training as MnistConvnet does).

What is Keras's here and not PyTorch's default:
  * Conv2D/Dense kernels glorot_uniform (limit sqrt(6 / (fan_in + fan_out)), conv fan_in = kh*kw*cin,
    fan_out = kh*kw*cout), biases zero;
  * Flatten in channels-last order ((N, C, H, W) permuted to (N, H, W, C) first);
  * Dropout(0.5) inverted (kept units scaled by 2 while training, identity at inference);
  * categorical cross-entropy on the softmax probabilities as Keras computes it: p / sum(p),
    clipped to [1e-7, 1 - 1e-7], -sum(y log p), averaged over the batch (the last batch of 64 too);
  * Adam as Keras 3 updates (lr 1e-3, beta 0.9/0.999, epsilon 1e-7 added to sqrt(v), the bias
    corrections folded into the step size: lr * sqrt(1 - b2^t) / (1 - b1^t));
  * batch 128, the whole training set shuffled every epoch, last partial batch kept; 12 epochs;
  * inputs float32 / 255.
Variants (for "does it matter"): adam=torch (torch.optim.Adam, eps 1e-7 applied to sqrt(v_hat)),
init=torch (PyTorch's default kaiming_uniform(a=sqrt(5)) kernels and uniform biases),
loss=logits (F.cross_entropy on the logits: no clipping).

Prints one "RESULT seed=S acc=A" line per seed and a summary (mean, std, min, max).

Measured 2026-12-04 (torch 1.13, one thread, load 1-10), test accuracy of seeds 0-9:
  Keras's semantics   0.9720 0.9680 0.9675 0.9720 0.9705 0.9675 0.9720 0.9705 0.9710 0.9705  mean 0.9702 sd 0.0018
  adam=torch          0.9720 0.9675 0.9675 0.9710 0.9705 0.9695 0.9715 0.9705 0.9720 0.9700  mean 0.9702 sd 0.0016
  init=torch          0.9700 0.9660 0.9690 0.9670 0.9715 0.9725 0.9710 0.9715 0.9710 0.9715  mean 0.9701 sd 0.0021
  loss=logits         0.9720 0.9680 0.9680 0.9710 0.9705 0.9675 0.9720 0.9710 0.9710 0.9695  mean 0.9701 sd 0.0017
  keras4j MnistConvnet (-Dseed=0..9 -Dkeras4j.threads=1)
                      0.9690 0.9700 0.9710 0.9695 0.9695 0.9680 0.9685 0.9705 0.9700 0.9700  mean 0.9696 sd 0.0009
    /usr/bin/python3 keras4j-bench/peers/mnist_convnet_keras_torch.py [seeds=0-9] [epochs=12]
        [threads=1] [adam=keras|torch] [init=keras|torch] [loss=keras|logits]
        [data=../shared/datasets/mnist-10k] [device=cpu]
"""
import gzip, math, os, statistics, struct, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

args = dict(a.split("=", 1) for a in sys.argv[1:])
lo, _, hi = args.get("seeds", "0-9").partition("-")
seeds = range(int(lo), int(hi or lo) + 1)
epochs, threads = int(args.get("epochs", 12)), int(args.get("threads", 1))
adam_kind, init_kind, loss_kind = args.get("adam", "keras"), args.get("init", "keras"), args.get("loss", "keras")
device = torch.device(args.get("device", "cpu"))
here = os.path.dirname(os.path.abspath(__file__))
data_dir = args.get("data")
if data_dir is None:
    for d in (os.path.join(here, "..", "..", "..", "shared", "datasets", "mnist-10k"),
              os.path.join(here, "..", "..", "keras4j-examples", "src", "main", "resources", "mnist-10k")):
        if os.path.isdir(d):
            data_dir = d
            break
torch.set_num_threads(threads)


def idx(name):
    with gzip.open(os.path.join(data_dir, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(raw[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


x_train = (idx("train-images-idx3-ubyte.gz").float() / 255).unsqueeze(1).to(device)  # (N, 1, 28, 28)
y_train = idx("train-labels-idx1-ubyte.gz").long().to(device)
x_test = (idx("t10k-images-idx3-ubyte.gz").float() / 255).unsqueeze(1).to(device)
y_test = idx("t10k-labels-idx1-ubyte.gz").long().to(device)
n = x_train.shape[0]


class Convnet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dense = nn.Linear(5 * 5 * 64, 10)
        if init_kind == "keras":
            for layer in (self.conv1, self.conv2, self.dense):
                w = layer.weight  # conv (cout, cin, kh, kw), dense (out, in)
                rf = w[0, 0].numel() if w.dim() == 4 else 1
                fan_in, fan_out = w.shape[1] * rf, w.shape[0] * rf
                limit = math.sqrt(6.0 / (fan_in + fan_out))
                with torch.no_grad():
                    w.uniform_(-limit, limit)
                    layer.bias.zero_()

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.permute(0, 2, 3, 1).flatten(1)  # Keras's channels-last Flatten
        x = F.dropout(x, 0.5, self.training)
        return self.dense(x)  # logits; softmax below


class KerasAdam:
    """keras/src/optimizers/adam.py update_step (amsgrad off)."""

    def __init__(self, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-7):
        self.params, self.lr, self.b1, self.b2, self.eps, self.t = list(params), lr, b1, b2, eps, 0
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        self.t += 1
        alpha = self.lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        for p, m, v in zip(self.params, self.m, self.v):
            g = p.grad
            m.add_((g - m) * (1 - self.b1))
            v.add_((g * g - v) * (1 - self.b2))
            p.sub_(alpha * m / (v.sqrt() + self.eps))


def loss_fn(logits, y):
    if loss_kind == "logits":
        return F.cross_entropy(logits, y)
    p = F.softmax(logits, dim=1)
    p = p / p.sum(dim=1, keepdim=True)
    p = p.clamp(1e-7, 1 - 1e-7)
    return -torch.log(p.gather(1, y.unsqueeze(1))).mean()


def run(seed):
    torch.manual_seed(seed)
    model = Convnet().to(device)
    opt = (KerasAdam(model.parameters()) if adam_kind == "keras"
           else torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7))
    for _ in range(epochs):
        model.train()
        perm = torch.randperm(n).to(device)
        for i in range(0, n, 128):
            b = perm[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(model(x_train[b]), y_train[b])
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(x_test[i:i + 500]).argmax(1) for i in range(0, x_test.shape[0], 500)])
    return (pred == y_test).float().mean().item(), loss.item()


accs = []
t0 = time.time()
for s in seeds:
    acc, last = run(s)
    accs.append(acc)
    print(f"RESULT seed={s} acc={acc:.4f} last_batch_loss={last:.4f} t={time.time() - t0:.0f}s", flush=True)
sd = statistics.stdev(accs) if len(accs) > 1 else 0.0
print(f"SUMMARY adam={adam_kind} init={init_kind} loss={loss_kind} epochs={epochs} n={len(accs)} "
      f"mean={statistics.mean(accs):.4f} std={sd:.4f} se={sd / math.sqrt(len(accs)):.4f} "
      f"min={min(accs):.4f} max={max(accs):.4f} accs={' '.join(f'{a:.4f}' for a in accs)}")
