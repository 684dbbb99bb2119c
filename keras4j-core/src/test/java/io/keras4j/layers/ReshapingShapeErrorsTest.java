package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.models.Sequential;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad shapes and arguments of the pooling and reshaping layers fail at add / construction, naming the layer and both shapes.
 * The layers before the one under test have no weights, so these tests draw nothing from the
 * global random generator (other tests' initial weights do not depend on whether these ran first).
 */
class ReshapingShapeErrorsTest {
    private static String addFails(Layer first, Layer second) {
        Sequential m = new Sequential();
        m.add(first);
        return assertThrows(IllegalArgumentException.class, () -> m.add(second)).getMessage();
    }

    private static void contains(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "'" + message + "' lacks '" + p + "'");
    }

    @Test
    void poolingOfTheWrongRank() {
        String m = addFails(new Reshape(4).inputShape(4), new MaxPooling2D().name("pool"));
        // Sequential.add prefixes what the layer said with which layer's output it cannot take
        contains(m, "MaxPooling2D 'pool': expected input of rank 4 (None, h, w, channels), got (None, 4)");
        contains(addFails(new Reshape(4).inputShape(4), new GlobalAveragePooling1D().name("gap")), "GlobalAveragePooling1D 'gap'", "rank 3", "(None, 4)");
    }

    @Test
    void poolLargerThanAValidInput() {
        String m = addFails(new Reshape(2, 2, 1).inputShape(4), new MaxPooling2D(3).name("big"));
        contains(m, "MaxPooling2D 'big'", "(None, 2, 2, 1)", "(3, 3)", "\"valid\"");
        // the same pool with "same" padding fits
        Sequential ok = new Sequential();
        ok.add(new Reshape(2, 2, 1).inputShape(4));
        ok.add(new MaxPooling2D(3).padding("same"));
    }

    @Test
    void flattenOfAnUnknownDimension() {
        Flatten f = new Flatten().name("flat");
        String m = assertThrows(IllegalArgumentException.class, () -> f.ensureBuilt(new int[] {-1, 4})).getMessage();
        contains(m, "Flatten 'flat'", "unknown dimension", "(None, None, 4)");
    }

    @Test
    void reshapeWhoseSizesDoNotMatch() {
        String m = addFails(new Reshape(6).inputShape(6), new Reshape(4, 2).name("r"));
        contains(m, "Reshape 'r'", "(None, 6)", "(None, 4, 2)");
        contains(addFails(new Reshape(7).inputShape(7), new Reshape(-1, 2).name("r2")), "Reshape 'r2'", "(None, 7)", "(-1, 2)");
    }

    @Test
    void permuteCroppingAndUpsamplingOfTheWrongShape() {
        contains(addFails(new Reshape(6).inputShape(6), new Permute(2, 1).name("p")), "Permute 'p'", "(None, 6)");
        contains(addFails(new Reshape(3, 2).inputShape(6), new Cropping1D(2, 1).name("c")), "Cropping1D 'c'", "(None, 3, 2)", "(None, 0, 2)");
        contains(addFails(new Reshape(2, 3, 1).inputShape(6), new Cropping2D(1).name("c2")), "Cropping2D 'c2'", "(None, 2, 3, 1)");
        contains(addFails(new Reshape(6).inputShape(6), new UpSampling2D().name("u")), "UpSampling2D 'u'", "rank 4", "(None, 6)");
        contains(addFails(new Reshape(6).inputShape(6), new ZeroPadding1D().name("z")), "ZeroPadding1D 'z'", "rank 3", "(None, 6)");
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(0));
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new AveragePooling1D().padding("full"));
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D().strides(0));
        assertThrows(IllegalArgumentException.class, () -> new Flatten().dataFormat("nhwc"));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Permute(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Permute(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new UpSampling2D().interpolation("bicubic"));
    }

    @Test
    void kerasDefaultsAndConfigKeys() {
        Map<String, Object> c = new MaxPooling2D().getConfig();
        assertEquals(List.of(2, 2), c.get("pool_size"));
        assertEquals(List.of(2, 2), c.get("strides"));
        assertEquals("valid", c.get("padding"));
        assertEquals("channels_last", c.get("data_format"));
        assertEquals(List.of(3), new MaxPooling1D(3).getConfig().get("strides"));
        assertEquals(List.of(List.of(1, 1), List.of(1, 1)), new ZeroPadding2D().getConfig().get("padding"));
        assertEquals(List.of(List.of(0, 0), List.of(0, 0)), new Cropping2D().getConfig().get("cropping"));
        assertEquals(List.of(1, 1), new Cropping1D().getConfig().get("cropping"));
        assertEquals(false, new GlobalMaxPooling2D().getConfig().get("keepdims"));
        assertEquals(0.0, new Rescaling(0.5).getConfig().get("offset"));
        assertEquals("nearest", new UpSampling2D().getConfig().get("interpolation"));
        assertEquals(2, new UpSampling1D().getConfig().get("size"));
        assertTrue(new MaxPooling2D().name().startsWith("max_pooling2d"));
        assertTrue(new GlobalAveragePooling2D().name().startsWith("global_average_pooling2d"));
        // a varargs constructor given no values takes the default; positional arguments are also keywords
        assertEquals(List.of(2, 2), new MaxPooling2D(new int[0]).getConfig().get("pool_size"));
        assertEquals(List.of(3, 1), new AveragePooling2D().poolSize(3, 1).getConfig().get("pool_size"));
        assertEquals(List.of(List.of(1, 1), List.of(2, 2)), new ZeroPadding2D().padding(1, 2).getConfig().get("padding"));
        assertEquals(List.of(0, 3), new Cropping1D().cropping(0, 3).getConfig().get("cropping"));
        assertEquals(List.of(3, 3), new UpSampling2D().size(3).getConfig().get("size"));
        // Keras config forms: nested pairs, single ints
        ZeroPadding2D z = ZeroPadding2D.fromConfig(Map.of("padding", List.of(List.of(1, 2), List.of(3, 4)), "name", "z"));
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), z.getConfig().get("padding"));
        assertEquals(List.of(3, 3), MaxPooling2D.fromConfig(Map.of("pool_size", 3)).getConfig().get("strides"));
    }
}
