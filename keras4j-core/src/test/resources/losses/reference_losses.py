"""Keras 3's loss formulas (keras/src/losses/losses.py, the TensorFlow backend's crossentropies)
re-implemented in float64 numpy, for LossesTest. Run: python3 reference_losses.py > expected.txt
Each line: case  per-sample values (reduction "none") ; mean (sum_over_batch_size) ; sum."""
import numpy as np

EPS = 1e-7
P_PROB = np.array([[0.2, 0.5, 0.2, 0.1], [0.7, 0.1, 0.1, 0.1], [0.25, 0.25, 0.3, 0.2]])
P_REG = np.array([[0.5, -1.2, 2.0, 0.3], [1.5, 0.2, -0.4, 0.9], [-2.0, 0.1, 0.7, 3.0]])
P_POS = np.abs(P_REG)
Y_ONEHOT = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]], float)
Y_BINARY = np.array([[0, 1, 1, 0], [1, 0, 0, 0], [0, 1, 0, 1]], float)
Y_REG = np.array([[0.0, -1.0, 1.0, 1.5], [1.0, 1.0, -1.0, 0.5], [0.5, 0.1, 0.2, 0.8]])
Y_PM1 = np.array([[-1, 1, 1, -1], [1, -1, -1, -1], [-1, 1, -1, 1]], float)
Y_COUNTS = np.array([[0, 1, 2, 0], [3, 0, 1, 1], [0, 0, 1, 4]], float)
Y_SOFT = np.array([[0.1, 0.6, 0.2, 0.1], [0.7, 0.1, 0.1, 0.1], [0.0, 0.5, 0.25, 0.25]])
Y_IDS = np.array([1, 0, 3])

sigmoid = lambda x: 1 / (1 + np.exp(-x))


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def bce(y, p, logits=False, ls=0.0):
    y = y * (1 - ls) + 0.5 * ls
    if logits:
        return np.mean(np.maximum(p, 0) - p * y + np.log1p(np.exp(-np.abs(p))), -1)
    q = np.clip(p, EPS, 1 - EPS)
    return np.mean(-(y * np.log(q) + (1 - y) * np.log(1 - q)), -1)


def cce(y, p, logits=False, ls=0.0):
    y = y * (1 - ls) + ls / y.shape[-1]
    if logits:
        return -np.sum(y * (p - np.log(np.sum(np.exp(p), -1, keepdims=True))), -1)
    q = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return -np.sum(y * np.log(q), -1)


def huber(y, p, d=1.0):
    e = p - y
    a = np.abs(e)
    return np.mean(np.where(a <= d, 0.5 * e * e, d * a - 0.5 * d * d), -1)


def to_hinge(y):
    return 2 * y - 1 if np.all((y == 0) | (y == 1)) else y


def hinge(y, p):
    return np.mean(np.maximum(1 - to_hinge(y) * p, 0), -1)


def squared_hinge(y, p):
    return np.mean(np.maximum(1 - to_hinge(y) * p, 0) ** 2, -1)


def categorical_hinge(y, p):
    pos = np.sum(y * p, -1)
    neg = np.max((1 - y) * p, -1)
    return np.maximum(neg - pos + 1, 0)


def kld(y, p):
    y, p = np.clip(y, EPS, 1), np.clip(p, EPS, 1)
    return np.sum(y * np.log(y / p), -1)


def poisson(y, p):
    return np.mean(p - y * np.log(p + EPS), -1)


def log_cosh(y, p):
    x = p - y
    return np.mean(np.log(np.cosh(x)), -1)


def cosine(y, p):
    n = lambda v: v * np.minimum(1 / np.sqrt(np.sum(v * v, -1, keepdims=True)), 1 / EPS)
    return -np.sum(n(y) * n(p), -1)


def bfce(y, p, balance=False, alpha=0.25, gamma=2.0, logits=False, ls=0.0):
    y = y * (1 - ls) + 0.5 * ls
    if logits:
        p = sigmoid(p)
    q = np.clip(p, EPS, 1 - EPS)
    b = -(y * np.log(q) + (1 - y) * np.log(1 - q))
    pt = y * p + (1 - y) * (1 - p)
    f = (1 - pt) ** gamma * b
    if balance:
        f = (y * alpha + (1 - y) * (1 - alpha)) * f
    return np.mean(f, -1)


def cfce(y, p, alpha=0.25, gamma=2.0, logits=False, ls=0.0):
    y = y * (1 - ls) + ls / y.shape[-1]
    if logits:
        p = softmax(p)
    q = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return np.sum(alpha * (1 - q) ** gamma * (-y * np.log(q)), -1)


cases = {
    "bce": bce(Y_BINARY, P_PROB),
    "bce_smooth": bce(Y_BINARY, P_PROB, ls=0.2),
    "bce_logits_smooth": bce(Y_BINARY, P_REG, logits=True, ls=0.1),
    "cce": cce(Y_ONEHOT, P_PROB),
    "cce_smooth": cce(Y_ONEHOT, P_PROB, ls=0.1),
    "cce_logits_smooth": cce(Y_ONEHOT, P_REG, logits=True, ls=0.1),
    "scce": cce(np.eye(4)[Y_IDS], P_PROB),
    "mse": np.mean((P_REG - Y_REG) ** 2, -1),
    "mae": np.mean(np.abs(P_REG - Y_REG), -1),
    "huber": huber(Y_REG, P_REG),
    "huber_d05": huber(Y_REG, P_REG, 0.5),
    "hinge": hinge(Y_BINARY, P_REG),
    "hinge_pm1": hinge(Y_PM1, P_REG),
    "squared_hinge": squared_hinge(Y_BINARY, P_REG),
    "categorical_hinge": categorical_hinge(Y_ONEHOT, P_REG),
    "kld": kld(Y_SOFT, P_PROB),
    "poisson": poisson(Y_COUNTS, P_POS),
    "log_cosh": log_cosh(Y_REG, P_REG),
    "cosine_similarity": cosine(Y_REG, P_REG),
    "bfce": bfce(Y_BINARY, P_PROB),
    "bfce_balanced_logits_smooth": bfce(Y_BINARY, P_REG, balance=True, alpha=0.4, gamma=1.5, logits=True, ls=0.1),
    "cfce": cfce(Y_ONEHOT, P_PROB),
    "cfce_logits_smooth": cfce(Y_ONEHOT, P_REG, alpha=0.5, gamma=1.0, logits=True, ls=0.1),
}
for name, v in cases.items():
    print(name, " ".join(repr(float(x)) for x in v), ";", repr(float(v.mean())), ";", repr(float(v.sum())))
