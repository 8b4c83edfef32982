package dev.specvlm.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays the autograd graph may keep. An array made by {@code NDManager.create} from Java data wraps a Java direct
 * buffer; if autograd keeps it for the backward pass, the buffer can be released first (seen as heap corruption that
 * aborted joint compressor training on the bundled model, and as sporadically infinite gradients), so such constants
 * are copied into memory PyTorch owns.
 *
 * <p>The same holds for the scalar operand of {@code NDArray.div(Number)}: DJL makes it a temporary array that it
 * closes at once, while autograd keeps it to differentiate the quotient. Dividing the Gumbel logits by τ that way
 * corrupted the native heap within seconds of joint compressor training (reproducible; gone with an owned scalar).
 * Divide by {@link #scalar} instead.
 */
public final class OwnedArrays {
  private OwnedArrays() {}

  /** A 0-dimensional array of {@code value} in memory PyTorch owns, attached to {@code manager}. */
  public static NDArray scalar(NDManager manager, double value) {
    return owned(manager.create(new float[] {(float) value})).reshape(new Shape());
  }

  /** A copy of {@code array} in memory PyTorch owns. */
  public static NDArray owned(NDArray array) {
    return array.duplicate();
  }
}
