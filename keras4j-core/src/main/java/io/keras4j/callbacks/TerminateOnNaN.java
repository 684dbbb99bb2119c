package io.keras4j.callbacks;

import java.util.Map;

/**
 * {@code keras.callbacks.TerminateOnNaN}: stops training after the first batch whose loss is NaN
 * or infinite, printing {@code Batch N: Invalid loss, terminating training}. The epoch then ends
 * as any stopped epoch does.
 */
public class TerminateOnNaN extends Callback {

    public TerminateOnNaN() {}

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            getModel().setStopTraining(true);
        }
    }
}
