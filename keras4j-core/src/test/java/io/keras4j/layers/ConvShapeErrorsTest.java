package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** Bad shapes and arguments fail at {@code add} (or at the setter), naming the layers and both shapes. */
class ConvShapeErrorsTest {

    private static String addFails(Sequential m, Layer l) {
        int before = m.layers().size();
        String msg = assertThrows(IllegalArgumentException.class, () -> m.add(l)).getMessage();
        assertEquals(before, m.layers().size(), "the failed layer must not be added");
        return msg;
    }

    @Test
    void conv2dAfterDenseNamesBothLayersAndShapes() {
        Sequential m = new Sequential();
        m.add(new Dense(4).inputDim(3).name("dense"));
        String msg = addFails(m, new Conv2D(8, 3).name("conv2d"));
        assertEquals("Conv2D 'conv2d' cannot take the output of Dense 'dense' (None, 4): Conv2D 'conv2d': expected input "
                + "of rank 4 (None, h, w, channels), got (None, 4)", msg);
    }

    @Test
    void firstLayerOfWrongRank() {
        Sequential m = new Sequential();
        String msg = addFails(m, new Conv1D(2, 3).inputShape(5, 4, 3).name("c1"));
        assertEquals("Conv1D 'c1': expected input of rank 3 (None, steps, channels), got (None, 5, 4, 3)", msg);
        String cf = addFails(new Sequential(), new Conv2D(2, 3).dataFormat("channels_first").inputShape(4).name("cf"));
        assertTrue(cf.contains("(None, channels, h, w)") && cf.contains("(None, 4)"), cf);
    }

    @Test
    void kernelLargerThanAValidInput() {
        Sequential m = new Sequential();
        m.add(new Conv2D(4, 3).inputShape(6, 6, 1).name("a"));
        String msg = addFails(m, new Conv2D(4, 5).name("b"));
        assertEquals("Conv2D 'b' cannot take the output of Conv2D 'a' (None, 4, 4, 4): Conv2D 'b': kernel (5, 5) is larger "
                + "than the input (None, 4, 4, 4) with padding \"valid\"", msg);
        m.add(new Conv2D(4, 5).padding("same")); // "same" pads: fine
        String dil = addFails(new Sequential(), new Conv1D(1, 3).dilationRate(3).inputShape(6, 1).name("d"));
        assertTrue(dil.contains("dilated to (7,)") && dil.contains("(None, 6, 1)"), dil);
        String dw = addFails(new Sequential(), new DepthwiseConv2D(4).inputShape(3, 5, 2));
        assertTrue(dw.contains("kernel (4, 4)") && dw.contains("(None, 3, 5, 2)"), dw);
    }

    @Test
    void groupsAndArguments() {
        String g = addFails(new Sequential(), new Conv2D(4, 3).groups(2).inputShape(5, 5, 3).name("g"));
        assertTrue(g.contains("divisible by groups=2") && g.contains("(None, 5, 5, 3)"), g);
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(6, 3).groups(4));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).padding("causal"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).dataFormat("nhwc"));
        String sd = addFails(new Sequential(), new Conv2D(2, 3).strides(2).dilationRate(2).inputShape(9, 9, 1));
        assertTrue(sd.contains("`strides > 1` not supported in conjunction with `dilation_rate > 1`"), sd);
        String op = addFails(new Sequential(), new Conv2DTranspose(2, 3).strides(2).outputPadding(2).inputShape(3, 3, 1));
        assertTrue(op.contains("must be greater than output_padding"), op);
    }
}
