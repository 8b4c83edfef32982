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
 * Divide by {@link #scalar} instead, and multiply with {@link #scaled}; {@code mul}, {@code minimum} and
 * {@code maximum} with a {@code Number} make the same temporary, and autograd keeps it for those too (a long target
 * training run crashed in its backward pass, in native code, with such temporaries in every attention and GELU; not
 * reproducible on demand). {@code add} and {@code sub} with a number are safe: their backward pass does not read the
 * operand.
 */
public final class OwnedArrays {
  private OwnedArrays() {}

  /** A 0-dimensional array of {@code value} in memory PyTorch owns, attached to {@code manager}. */
  public static NDArray scalar(NDManager manager, double value) {
    return owned(manager.create(new float[] {(float) value})).reshape(new Shape());
  }

  /**
   * {@code x · factor} with the factor in memory PyTorch owns: use it instead of {@code NDArray.mul(Number)} wherever
   * autograd may record the product (it keeps the factor to differentiate it).
   */
  public static NDArray scaled(NDArray x, double factor) {
    return x.mul(scalar(x.getManager(), factor));
  }

  /** A copy of {@code array} in memory PyTorch owns. */
  public static NDArray owned(NDArray array) {
    return array.duplicate();
  }
}
