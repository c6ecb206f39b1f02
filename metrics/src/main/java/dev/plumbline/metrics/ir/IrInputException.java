package dev.plumbline.metrics.ir;

/**
 * Qrels or a run that cannot be evaluated as given (a docno twice in one topic, an unknown
 * measure, bad measure parameters). The message names the problem and the fix.
 */
public class IrInputException extends IllegalArgumentException {
    /** @param message what is wrong and how to fix it */
    public IrInputException(String message) {
        super(message);
    }
}
