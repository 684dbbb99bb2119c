package io.keras4j.engine.ops;

import io.keras4j.engine.Op;

/**
 * A final state of a recurrent layer as a tensor of its own (Keras's {@code return_state}): the
 * last step's {@code h} or, for LSTM, {@code c}, of shape {@code (None, units)}.
 * <pre>
 * forward:  state (n,u) = h[T] or c[T] of the recurrent op's last forward
 * backward: the recurrent op starts its backward through time from d loss / d state
 * </pre>
 * Its input is the recurrent op's output, only so that it runs after that op and before it
 * backward; it reads the state from the op itself and takes no gradient through that input.
 */
public final class RecurrentStateOp extends Op {
    private final RecurrentOp rnn;
    private final int which;

    /** @param which 0: h, 1: c (LSTM only) */
    public RecurrentStateOp(RecurrentOp rnn, int which) {
        super(new int[] {-1, rnn.units()}, rnn.output());
        if (which < 0 || which > 1 || which == 1 && !(rnn instanceof LstmOp)) {
            throw new IllegalArgumentException("recurrent state " + which + ": 0 is h, 1 is c (LSTM only)");
        }
        this.rnn = rnn;
        this.which = which;
    }

    @Override
    public void forward(int n) {
        rnn.copyFinalState(which, n, out.data, out.off);
    }

    @Override
    public void backward(int n) {
        rnn.addFinalStateGrad(which, n, out.grad, out.goff);
    }
}
