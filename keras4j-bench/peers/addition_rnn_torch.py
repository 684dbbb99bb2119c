# Keras's addition_rnn model in PyTorch (Debian's python3-torch: apt-get install -y python3-torch),
# the peer of keras4j's AdditionRnn example and of `EndToEnd rnn`:
# 45,000 training questions of 7 one-hot characters (12 symbols), answers of 4, batch 32;
# nn.LSTM(12, 128) encoder (its last hidden state), repeated 4 times, nn.LSTM(128, 128) decoder,
# nn.Linear(128, 12) on every step, softmax cross-entropy, Adam(lr=1e-3). The data are generated as
# Keras's example does (distinct pairs of 1-3 digit numbers, questions reversed, 10% held out).
# One warm-up epoch, then `runs` timed epochs (wall clock, each a full pass over the shuffled
# training set); prints RESULT lines as the other peers. threads=2 as cnn_torch.py.
#   /usr/bin/python3 keras4j-bench/peers/addition_rnn_torch.py [runs=3] [threads=2] [seed=0]
import random, statistics, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

args = dict(a.split("=") for a in sys.argv[1:])
runs, threads, seed = int(args.get("runs", 3)), int(args.get("threads", 2)), int(args.get("seed", 0))
torch.set_num_threads(threads)
torch.manual_seed(seed)
rnd = random.Random(seed)

DIGITS, MAXLEN, ANS, CHARS, N, B, H = 3, 7, 4, "0123456789+ ", 50000, 32, 128


def number():
    return int("".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, DIGITS))))


seen, qs, ans = set(), [], []
while len(qs) < N:
    a, b = number(), number()
    if (min(a, b), max(a, b)) in seen:
        continue
    seen.add((min(a, b), max(a, b)))
    qs.append(f"{a}+{b}".ljust(MAXLEN)[::-1])
    ans.append(str(a + b).ljust(ANS))
x = F.one_hot(torch.tensor([[CHARS.index(c) for c in q] for q in qs]), len(CHARS)).float()
y = torch.tensor([[CHARS.index(c) for c in s] for s in ans])
split = N - N // 10
x_train, y_train, x_val, y_val = x[:split], y[:split], x[split:], y[split:]


class AdditionRnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.LSTM(len(CHARS), H, batch_first=True)
        self.decoder = nn.LSTM(H, H, batch_first=True)
        self.dense = nn.Linear(H, len(CHARS))

    def forward(self, q):
        _, (h, _) = self.encoder(q)                      # h: (1, batch, H), the last step's output
        seq, _ = self.decoder(h[0].unsqueeze(1).repeat(1, ANS, 1))  # RepeatVector(4)
        return self.dense(seq)                           # logits (batch, 4, 12); softmax in the loss


model = AdditionRnn()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)


def epoch():
    model.train()
    perm = torch.randperm(split)
    total = 0.0
    for i in range(0, split, B):
        idx = perm[i:i + B]
        loss = F.cross_entropy(model(x_train[idx]).reshape(-1, len(CHARS)), y_train[idx].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(idx)
    return total / split


def val_accuracy():
    model.eval()
    with torch.no_grad():
        return (model(x_val).argmax(-1) == y_val).float().mean().item()


epoch()  # warm-up, as the other peers
secs = []
for r in range(runs):
    a = time.perf_counter()
    loss = epoch()
    secs.append(time.perf_counter() - a)
    print(f"RESULT rnn_run_{r}_epoch_s {secs[-1]:.3f} loss {loss:.4f} val_accuracy {val_accuracy():.4f}")
steps = (split + B - 1) // B
print(f"RESULT rnn_epoch_s {statistics.median(secs):.3f}")
print(f"RESULT rnn_ms_per_step {statistics.median(secs) * 1e3 / steps:.3f}")
print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, mkldnn={torch.backends.mkldnn.is_available()}")
