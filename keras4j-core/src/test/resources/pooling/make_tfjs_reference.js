// Reference outputs of the pooling and reshaping layers, computed by TensorFlow.js 4.22 (Keras's
// layers in JS, pure-JS CPU backend). Run: cd /tmp/tfjs && npm install @tensorflow/tfjs@4.22.0,
// then NODE_PATH=/tmp/tfjs/node_modules node make_tfjs_reference.js > tfjs_reference.txt
// Input of every case: x[i] = float32(((i * 37) % 101) / 10 - 5), row-major over (batch, ...).
// Bilinear upsampling is tf.image.resizeBilinear with halfPixelCenters (what Keras 3's
// ops.image.resize does; tfjs's own UpSampling2D layer uses the older corner alignment).
const tf = require('@tensorflow/tfjs');

function input(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = ((i * 37) % 101) / 10 - 5;
  return tf.tensor(v, shape);
}

function emit(name, shape, f) {
  const y = f(input(shape));
  const vals = Array.from(y.dataSync()).map(v => v.toPrecision(9));
  console.log('case ' + name);
  console.log('input ' + shape.join(' '));
  console.log('output ' + y.shape.join(' '));
  console.log(vals.join(' '));
}

const L = (layer) => (x) => layer.apply(x);
emit('max_pooling2d_valid', [2, 4, 6, 3], L(tf.layers.maxPooling2d({poolSize: 2})));
emit('max_pooling2d_same_3x3_s2', [2, 5, 7, 3], L(tf.layers.maxPooling2d({poolSize: 3, strides: 2, padding: 'same'})));
emit('max_pooling2d_channels_first', [2, 3, 5, 4], L(tf.layers.maxPooling2d({poolSize: [2, 3], strides: [1, 2], dataFormat: 'channelsFirst'})));
emit('average_pooling2d_valid', [2, 4, 6, 3], L(tf.layers.averagePooling2d({poolSize: 2})));
emit('average_pooling2d_same_3x3_s2', [2, 5, 7, 19], L(tf.layers.averagePooling2d({poolSize: 3, strides: 2, padding: 'same'})));
emit('average_pooling2d_same_channels_first', [1, 2, 5, 5], L(tf.layers.averagePooling2d({poolSize: [3, 2], strides: [2, 2], padding: 'same', dataFormat: 'channelsFirst'})));
emit('max_pooling1d_same_s1', [2, 7, 3], L(tf.layers.maxPooling1d({poolSize: 3, strides: 1, padding: 'same'})));
emit('average_pooling1d_same_s2', [2, 7, 3], L(tf.layers.averagePooling1d({poolSize: 3, strides: 2, padding: 'same'})));
emit('global_average_pooling2d', [2, 3, 4, 5], L(tf.layers.globalAveragePooling2d({})));
emit('global_average_pooling2d_channels_first', [2, 3, 4, 5], L(tf.layers.globalAveragePooling2d({dataFormat: 'channelsFirst'})));
emit('global_max_pooling2d', [2, 3, 4, 5], L(tf.layers.globalMaxPooling2d({})));
emit('global_max_pooling2d_channels_first', [2, 3, 4, 5], L(tf.layers.globalMaxPooling2d({dataFormat: 'channelsFirst'})));
emit('global_average_pooling1d', [2, 6, 3], L(tf.layers.globalAveragePooling1d({})));
emit('global_max_pooling1d', [2, 6, 3], L(tf.layers.globalMaxPooling1d({})));
emit('flatten', [2, 3, 2, 4], L(tf.layers.flatten({})));
emit('flatten_channels_first', [2, 3, 2, 4], L(tf.layers.flatten({dataFormat: 'channelsFirst'})));
emit('reshape', [2, 12], L(tf.layers.reshape({targetShape: [-1, 2, 3]})));
emit('permute', [2, 2, 3, 4], L(tf.layers.permute({dims: [3, 1, 2]})));
emit('zero_padding2d', [2, 2, 3, 2], L(tf.layers.zeroPadding2d({padding: [[1, 0], [2, 1]]})));
emit('zero_padding1d', [2, 3, 2], (x) => tf.pad(x, [[0, 0], [2, 1], [0, 0]]));
emit('cropping2d', [2, 4, 5, 2], L(tf.layers.cropping2D({cropping: [[1, 0], [2, 1]]})));
emit('cropping1d', [2, 5, 2], (x) => tf.slice(x, [0, 1, 0], [2, 3, 2]));
emit('up_sampling2d_nearest', [2, 2, 3, 2], L(tf.layers.upSampling2d({size: [2, 3]})));
emit('up_sampling1d', [2, 3, 2], (x) => tf.reshape(tf.tile(tf.reshape(x, [2, 3, 1, 2]), [1, 1, 2, 1]), [2, 6, 2]));
emit('up_sampling2d_bilinear', [2, 3, 4, 2], (x) => tf.image.resizeBilinear(x, [6, 12], false, true));
emit('rescaling', [2, 5], (x) => tf.add(tf.mul(x, tf.scalar(1 / 127.5)), tf.scalar(-1)));
