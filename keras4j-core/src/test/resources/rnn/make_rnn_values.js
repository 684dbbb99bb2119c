// Forward values of keras4j's sequence layers, computed by TensorFlow.js 4.22's Keras layers
// (pure-JS CPU backend), an independent implementation of Keras.
//   cd /tmp/x && npm install @tensorflow/tfjs@4.22.0 && NODE_PATH=/tmp/x/node_modules node make_rnn_values.js
// Weights and inputs are given by formulas that RnnValuesTest repeats:
//   weight k of the model, flat index i:  0.5 * sin(0.7 i + 1.3 k)
//   input flat index i:                   cos(0.45 i)           (Embedding: ids i*3 % V)
// tfjs's recurrent layers default recurrentActivation to hard_sigmoid: set to sigmoid here.
// tfjs's GRU is Keras's reset_after=False (bias (3u)).
const tf = require('@tensorflow/tfjs');

function w(k, shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = 0.5 * Math.sin(0.7 * i + 1.3 * k);
  return tf.tensor(v, shape);
}

function x(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.cos(0.45 * i);
  return tf.tensor(v, shape);
}

function run(name, layer, inShape, input) {
  const m = tf.sequential();
  m.add(layer);
  const ws = m.getWeights().map((t, k) => w(k, t.shape));
  m.setWeights(ws);
  const y = m.predict(input);
  console.log(name + ' ' + JSON.stringify(y.shape) + ' ' + Array.from(y.dataSync()).map(v => v.toPrecision(9)).join(','));
}

const sh = [2, 4, 3];
run('simple_rnn_seq_back', tf.layers.simpleRNN({units: 3, returnSequences: true, goBackwards: true, inputShape: [4, 3]}), sh, x(sh));
run('lstm_seq', tf.layers.lstm({units: 3, returnSequences: true, recurrentActivation: 'sigmoid', inputShape: [4, 3]}), sh, x(sh));
run('lstm_back', tf.layers.lstm({units: 2, goBackwards: true, recurrentActivation: 'sigmoid', inputShape: [4, 3]}), sh, x(sh));
run('gru_before_seq', tf.layers.gru({units: 3, returnSequences: true, recurrentActivation: 'sigmoid', inputShape: [4, 3]}), sh, x(sh));
run('bidi_lstm_seq_concat', tf.layers.bidirectional({layer: tf.layers.lstm({units: 2, returnSequences: true,
    recurrentActivation: 'sigmoid'}), mergeMode: 'concat', inputShape: [4, 3]}), sh, x(sh));
run('bidi_gru_ave', tf.layers.bidirectional({layer: tf.layers.gru({units: 2, recurrentActivation: 'sigmoid'}),
    mergeMode: 'ave', inputShape: [4, 3]}), sh, x(sh));
const ids = tf.tensor([0, 3, 6 % 5, 9 % 5, 12 % 5, 15 % 5], [2, 3]);
run('embedding', tf.layers.embedding({inputDim: 5, outputDim: 3, inputShape: [3]}), [2, 3], ids);
