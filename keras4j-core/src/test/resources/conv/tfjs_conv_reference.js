// Reference outputs of Keras's convolution layers, computed by TensorFlow.js 4.22 (tfjs-layers,
// pure-JS CPU backend). Run:  cd /tmp/tfjs && npm install @tensorflow/tfjs@4.22.0 &&
//   NODE_PATH=/tmp/tfjs/node_modules node tfjs_conv_reference.js > tfjs_conv_reference.txt
// Inputs and weights are fixed formulas (ConvTfjsReferenceTest makes the same):
//   x[i] = sin(0.37 i + 0.1),  weight j of the layer: w[i] = 0.5 cos(0.23 i + j)   (flat, row-major)
// Each case: a line "case <name> <output shape>", then the output values, row-major.
const tf = require('@tensorflow/tfjs');
tf.setBackend('cpu');

function fill(shape, f) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = f(i);
  return tf.tensor(v, shape);
}
const xOf = (shape) => fill(shape, (i) => Math.sin(0.37 * i + 0.1));
const wOf = (shape, j) => fill(shape, (i) => 0.5 * Math.cos(0.23 * i + j));

function run(name, layer, xShape, pre) {
  const x = pre ? pre(xOf(xShape)) : xOf(xShape);
  const y0 = layer.apply(x); // builds the layer
  const ws = layer.getWeights().map((w, j) => wOf(w.shape, j));
  layer.setWeights(ws);
  const y = layer.apply(x);
  console.log('case ' + name + ' ' + y.shape.join(','));
  console.log(Array.from(y.dataSync()).map((v) => v.toPrecision(9)).join(' '));
}

run('conv2d_same_stride', tf.layers.conv2d({filters: 4, kernelSize: [3, 2], strides: [2, 1], padding: 'same'}), [2, 5, 6, 3]);
run('conv2d_valid_dilated_relu', tf.layers.conv2d({filters: 3, kernelSize: 3, dilationRate: 2, activation: 'relu'}), [2, 7, 6, 2]);
run('conv2d_channels_first_same_stride2', tf.layers.conv2d({filters: 2, kernelSize: 3, strides: 2, padding: 'same',
  dataFormat: 'channelsFirst'}), [1, 3, 6, 5]);
// tfjs has no "causal" padding: Keras's definition instead, (k - 1) * d zeros before, then "valid"
run('conv1d_causal_dilated', tf.layers.conv1d({filters: 2, kernelSize: 3, padding: 'valid', dilationRate: 2}), [2, 7, 3],
  (x) => tf.pad(x, [[0, 0], [4, 0], [0, 0]]));
run('conv1d_same_stride2_tanh', tf.layers.conv1d({filters: 3, kernelSize: 4, strides: 2, padding: 'same',
  activation: 'tanh'}), [1, 9, 2]);
run('depthwise_same_stride2_dm2', tf.layers.depthwiseConv2d({kernelSize: 3, strides: 2, padding: 'same',
  depthMultiplier: 2}), [1, 5, 5, 3]);
run('separable_same_dm2', tf.layers.separableConv2d({filters: 3, kernelSize: 3, padding: 'same',
  depthMultiplier: 2}), [1, 6, 5, 2]);
run('transpose_same_stride2', tf.layers.conv2dTranspose({filters: 3, kernelSize: 3, strides: 2, padding: 'same'}), [1, 3, 4, 2]);
run('transpose_valid_stride2', tf.layers.conv2dTranspose({filters: 2, kernelSize: [3, 2], strides: 2, padding: 'valid'}), [2, 3, 3, 2]);
run('transpose_valid_k1_stride2', tf.layers.conv2dTranspose({filters: 2, kernelSize: 1, strides: 2, padding: 'valid'}), [1, 2, 3, 2]);
