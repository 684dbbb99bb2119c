// Reference values for NormalizationValuesTest and ActivationLayersValuesTest, computed by
// TensorFlow.js 4.22 (Keras's layers in JS, pure-JS CPU backend), independent of keras4j.
// Run: cd /tmp/tfjs && npm install @tensorflow/tfjs@4.22.0 && NODE_PATH=/tmp/tfjs/node_modules node tfjs_reference.js
const tf = require('@tensorflow/tfjs');
tf.setBackend('cpu');

function input(shape, k) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = [];
  for (let i = 0; i < n; i++) v.push(Math.round((Math.sin(i * 1.3 + k) * 2 + i * 0.05) * 1e4) / 1e4);
  return v;
}
const fmt = a => '{' + Array.from(a).map(v => v.toPrecision(9) + 'f').join(', ') + '}';
function show(name, t) { console.log(`    static final float[] ${name} = ${fmt(t.dataSync())};`); }

// BatchNormalization, axis -1, momentum 0.9, epsilon 1e-3, on (4, 3)
{
  const x = tf.tensor(input([4, 3], 0), [4, 3]);
  const l = tf.layers.batchNormalization({axis: -1, momentum: 0.9, epsilon: 1e-3});
  l.build([null, 3]);
  l.setWeights([tf.tensor([1.5, -0.5, 2.0]), tf.tensor([0.1, 0.2, -0.3]), tf.tensor([0.5, -1, 0]), tf.tensor([2, 0.5, 1])]);
  show('BN_X', x);
  show('BN_TRAIN_Y', l.apply(x, {training: true}));
  const w = l.getWeights();
  show('BN_MOVING_MEAN', w[2]);
  show('BN_MOVING_VAR', w[3]);
  show('BN_INFER_Y', l.apply(x, {training: false}));
}
// BatchNormalization defaults on images (2, 2, 2, 3), channels last: one training call
{
  const x = tf.tensor(input([2, 2, 2, 3], 1), [2, 2, 2, 3]);
  const l = tf.layers.batchNormalization({});
  l.build([null, 2, 2, 3]);
  show('BN_IMG_X', x);
  show('BN_IMG_TRAIN_Y', l.apply(x, {training: true}));
  const w = l.getWeights();
  show('BN_IMG_MOVING_MEAN', w[2]);
  show('BN_IMG_MOVING_VAR', w[3]);
}
// (BatchNormalization with axis 1 is not taken from tfjs 4.22: its inference broadcasts the
// statistics along the last axis instead of axis 1; keras4j's axis 1 is checked against axis -1
// on transposed inputs instead.)
// LayerNormalization, epsilon 1e-3, on (3, 5) with gamma and beta
{
  const x = tf.tensor(input([3, 5], 3), [3, 5]);
  const l = tf.layers.layerNormalization({axis: -1, epsilon: 1e-3});
  l.build([null, 5]);
  l.setWeights([tf.tensor([1, 2, 0.5, -1, 1.5]), tf.tensor([0, 0.1, 0.2, 0.3, 0.4])]);
  show('LN_X', x);
  show('LN_Y', l.apply(x));
}
// Activation layers on (2, 2, 2, 3)
{
  const x = tf.tensor(input([2, 2, 2, 3], 4), [2, 2, 2, 3]);
  show('ACT_X', x);
  show('RELU_MAX_1', tf.layers.reLU({maxValue: 1}).apply(x));
  show('LEAKY_DEFAULT', tf.layers.leakyReLU({alpha: 0.3}).apply(x));
  show('ELU_DEFAULT', tf.layers.elu({}).apply(x));
  show('THRESHOLDED_0_5', tf.layers.thresholdedReLU({theta: 0.5}).apply(x));
  show('SOFTMAX_LAST', tf.layers.softmax({axis: -1}).apply(x));
  // tfjs's Softmax layer takes the last axis only: axis 2 from tf ops, exp(x - max) / sum
  const e = tf.exp(x.sub(x.max(2, true)));
  show('SOFTMAX_AXIS_2', e.div(e.sum(2, true)));
  const p = tf.layers.prelu({sharedAxes: [1, 2]});
  p.build([null, 2, 2, 3]);
  p.setWeights([tf.tensor([0.1, -0.2, 0.5], [1, 1, 3])]);
  show('PRELU_SHARED_1_2', p.apply(x));
}
// Training end to end: Dense(4, tanh, L2(0.01) kernel penalty)
// -> BatchNormalization(momentum 0.8) -> Dense(2); mse, SGD(0.3), batch 4, 2 epochs, no shuffle.
// History's loss (penalty included), the final weights (moving statistics included), predictions.
// (No kernel constraint here: tfjs 4.22 applies constraints when weights are set, and not after
// fit's optimizer steps as Keras does, so it cannot serve as the reference for them.)
(async () => {
  const x = tf.tensor(input([8, 3], 5), [8, 3]);
  const y = tf.tensor(input([8, 2], 6), [8, 2]);
  const m = tf.sequential();
  m.add(tf.layers.dense({units: 4, activation: 'tanh', inputShape: [3],
    kernelRegularizer: tf.regularizers.l2({l2: 0.01})}));
  m.add(tf.layers.batchNormalization({momentum: 0.8}));
  m.add(tf.layers.dense({units: 2}));
  const k1 = tf.tensor(input([3, 4], 7), [3, 4]).mul(0.25), k2 = tf.tensor(input([4, 2], 8), [4, 2]).mul(0.4);
  // tfjs orders a model's weights trainable first: kernel, bias, gamma, beta, kernel, bias, then
  // moving_mean, moving_variance (Keras: per layer, moving statistics after beta)
  m.setWeights([k1, tf.tensor([0.1, -0.1, 0.2, 0]), tf.tensor([1.2, 0.8, 1, 1.1]), tf.tensor([0, 0.1, -0.1, 0.2]),
    k2, tf.tensor([0.05, -0.05]), tf.tensor([0.1, 0, -0.1, 0.05]), tf.tensor([1, 0.9, 1.2, 0.7])]);
  show('FIT_X', x);
  show('FIT_Y', y);
  show('FIT_K1', k1);
  show('FIT_K2', k2);
  m.compile({optimizer: tf.train.sgd(0.3), loss: 'meanSquaredError'});
  const h = await m.fit(x, y, {epochs: 2, batchSize: 4, shuffle: false, verbose: 0});
  console.log(`    static final double[] FIT_LOSS = {${h.history.loss.map(v => v.toPrecision(9)).join(', ')}};`);
  m.weights.forEach((w, i) => { console.log(`    // FIT_W${i}: ${w.name}`); show('FIT_W' + i, w.read()); });
  show('FIT_PRED', m.predict(x));
})();
