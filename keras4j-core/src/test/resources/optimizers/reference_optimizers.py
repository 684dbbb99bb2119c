"""Independent double-precision replay of Keras 3's optimizer formulas (keras/src/optimizers/*.py,
base_optimizer.py: clip -> weight decay -> update_step -> EMA -> iterations += 1) for
OptimizerStepsTest. Plain Python, no Keras. Run: python3 reference_optimizers.py > expected.txt
Each line: case step w0 w1 w2 w3 w4 (weights after that step; variables are w[0:3] and w[3:5])."""
import math

W0 = [0.5, -1.2, 2.0, 0.3, -0.7]
SIZES = [3, 2]
GRADS = [[0.1, -0.4, 0.9, 2.5, -1.5],
         [-0.3, 0.2, 0.05, 1.0, 0.4],
         [0.6, -0.1, -0.8, -2.0, 0.25]]


def variables(v):
    out, o = [], 0
    for s in SIZES:
        out.append(list(range(o, o + s)))
        o += s
    return out


def clip(g, clipnorm=None, clipvalue=None, global_clipnorm=None):
    g = list(g)
    if clipnorm:
        for idx in variables(g):
            n = math.sqrt(sum(g[i] ** 2 for i in idx))
            for i in idx:
                g[i] = g[i] * clipnorm / max(n, clipnorm)
    elif global_clipnorm:
        n = math.sqrt(sum(x * x for x in g))
        scale = global_clipnorm * min(1 / n, 1 / global_clipnorm)
        g = [x * scale for x in g]
    elif clipvalue:
        g = [max(-clipvalue, min(clipvalue, x)) for x in g]
    return g


def sgd(lr, momentum=0.0, nesterov=False):
    st = {"v": [0.0] * 5}

    def step(w, g, lr_t, t):
        if momentum == 0:
            return [wi - lr_t * gi for wi, gi in zip(w, g)]
        out = []
        for i in range(5):
            st["v"][i] = momentum * st["v"][i] - lr_t * g[i]
            out.append(w[i] + (momentum * st["v"][i] - lr_t * g[i] if nesterov else st["v"][i]))
        return out
    return step


def adam(b1=0.9, b2=0.999, eps=1e-7):
    m, v = [0.0] * 5, [0.0] * 5

    def step(w, g, lr, t):
        a = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        out = []
        for i in range(5):
            m[i] += (g[i] - m[i]) * (1 - b1)
            v[i] += (g[i] ** 2 - v[i]) * (1 - b2)
            out.append(w[i] - a * m[i] / (math.sqrt(v[i]) + eps))
        return out
    return step


def rmsprop(rho=0.9, eps=1e-7):
    v = [0.0] * 5

    def step(w, g, lr, t):
        out = []
        for i in range(5):
            v[i] = rho * v[i] + (1 - rho) * g[i] ** 2
            out.append(w[i] - lr * g[i] / math.sqrt(v[i] + eps))
        return out
    return step


def adagrad(init=0.1, eps=1e-7):
    acc = [init] * 5

    def step(w, g, lr, t):
        out = []
        for i in range(5):
            acc[i] += g[i] ** 2
            out.append(w[i] - lr * g[i] / math.sqrt(acc[i] + eps))
        return out
    return step


def adadelta(rho=0.95, eps=1e-7):
    ag, ad = [0.0] * 5, [0.0] * 5

    def step(w, g, lr, t):
        out = []
        for i in range(5):
            ag[i] = rho * ag[i] + (1 - rho) * g[i] ** 2
            delta = -math.sqrt(ad[i] + eps) * g[i] / math.sqrt(ag[i] + eps)
            ad[i] = rho * ad[i] + (1 - rho) * delta ** 2
            out.append(w[i] + lr * delta)
        return out
    return step


def adamax(b1=0.9, b2=0.999, eps=1e-7):
    m, u = [0.0] * 5, [0.0] * 5

    def step(w, g, lr, t):
        out = []
        for i in range(5):
            m[i] += (g[i] - m[i]) * (1 - b1)
            u[i] = max(b2 * u[i], abs(g[i]))
            out.append(w[i] - lr * m[i] / ((1 - b1 ** t) * (u[i] + eps)))
        return out
    return step


def nadam(b1=0.9, b2=0.999, eps=1e-7):
    m, v = [0.0] * 5, [0.0] * 5
    st = {"up": 1.0}

    def step(w, g, lr, t):
        st["up"] *= b1 * (1 - 0.5 * 0.96 ** t)
        ut = b1 * (1 - 0.5 * 0.96 ** t)
        ut1 = b1 * (1 - 0.5 * 0.96 ** (t + 1))
        up, up1 = st["up"], st["up"] * ut1
        out = []
        for i in range(5):
            m[i] += (g[i] - m[i]) * (1 - b1)
            v[i] += (g[i] ** 2 - v[i]) * (1 - b2)
            m_hat = ut1 * m[i] / (1 - up1) + (1 - ut) * g[i] / (1 - up)
            v_hat = v[i] / (1 - b2 ** t)
            out.append(w[i] - m_hat * lr / (math.sqrt(v_hat) + eps))
        return out
    return step


def lion(b1=0.9, b2=0.99):
    m = [0.0] * 5

    def step(w, g, lr, t):
        out = []
        for i in range(5):
            c = m[i] * b1 + g[i] * (1 - b1)
            out.append(w[i] - lr * (0.0 if c == 0 else math.copysign(1.0, c)))
            m[i] = m[i] * b2 + g[i] * (1 - b2)
        return out
    return step


def run(name, rule, lr_of_step, wd=None, ema=None, **clipargs):
    w = list(W0)
    avg = [0.0] * 5
    for it, g in enumerate(GRADS):
        lr = lr_of_step(it)
        g = clip(g, **clipargs)
        if wd:
            w = [x - x * wd * lr for x in w]
        w = rule(w, g, lr, it + 1)
        if ema is not None:
            mom = 0.0 if it == 0 else ema
            avg = [mom * a + (1 - mom) * x for a, x in zip(avg, w)]
        print(name, it + 1, " ".join(repr(x) for x in w))
    if ema is not None:
        print(name, "ema", " ".join(repr(x) for x in avg))


const = lambda lr: (lambda it: lr)
run("sgd_nesterov_clipvalue_wd", sgd(0.1, 0.9, True), const(0.1), wd=0.01, clipvalue=0.5)
run("sgd_exponential_schedule", sgd(0.1), lambda it: 0.1 * 0.5 ** (it / 1))
run("sgd_momentum_keras2_decay", sgd(0.1, 0.5), lambda it: 0.1 / (1 + 0.5 * it))
run("adam_clipnorm_wd", adam(), const(0.01), wd=0.1, clipnorm=1.0)
run("rmsprop_global_clipnorm", rmsprop(), const(0.01), global_clipnorm=1.0)
run("adagrad_clipvalue_wd", adagrad(), const(0.1), wd=0.05, clipvalue=1.0)
run("adamw_clipnorm", adam(), const(0.01), wd=0.1, clipnorm=1.0)
run("adamw_defaults", adam(), const(0.001), wd=0.004)
run("adadelta_clipnorm", adadelta(), const(1.0), clipnorm=0.5)
run("adamax_global_clipnorm_wd", adamax(), const(0.01), wd=0.01, global_clipnorm=2.0)
run("nadam_clipvalue_wd", nadam(), const(0.01), wd=0.02, clipvalue=0.5)
run("lion_clipnorm_wd", lion(), const(0.001), wd=0.1, clipnorm=1.0)
# CosineDecay(0.1, 4) with warmup_target 0.2 over 2 steps: lr = 0.1, 0.15, then 0.2 * cosine(0)
cos = lambda it: (0.1 + (0.2 - 0.1) * it / 2) if it < 2 else 0.2 * (0.5 * (1 + math.cos(math.pi * (it - 2) / 4)))
run("adam_cosine_schedule_ema", adam(), cos, ema=0.9, wd=0.01)
