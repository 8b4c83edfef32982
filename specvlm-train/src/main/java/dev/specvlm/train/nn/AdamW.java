package dev.specvlm.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * AdamW (decoupled weight decay) over the trainable parameters of a {@link ParameterSet}, with global-norm gradient
 * clipping, written with NDArray operations so that its moments can be checkpointed and restored (DJL's native Adam
 * keeps them private, clips element-wise and one-sidedly, and decays every parameter it is given).
 *
 * <p>Owns a manager for its moments; {@link #close()} frees them. Not thread-safe.
 */
public final class AdamW implements AutoCloseable {
  private final ParameterSet params;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final Predicate<String> decays;
  private final NDManager manager;
  private final Map<String, NDArray> first = new LinkedHashMap<>(); // m, per trainable name
  private final Map<String, NDArray> second = new LinkedHashMap<>(); // v
  private final Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
  private long steps;

  /**
   * @param decays which trainable names get weight decay (typically matrices, not norms, biases or embeddings)
   */
  public AdamW(ParameterSet params, double beta1, double beta2, double epsilon, double weightDecay,
      Predicate<String> decays) {
    this.params = params;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.decays = decays;
    this.manager = params.manager().newSubManager();
    for (String name : params.trainableNames()) {
      NDArray p = params.get(name);
      NDArray m = manager.zeros(p.getShape());
      NDArray v = manager.zeros(p.getShape());
      first.put(name, m);
      second.put(name, v);
      kept.add(m);
      kept.add(v);
    }
  }

  /** Optimizer steps taken (restored by {@link #load}). */
  public long steps() {
    return steps;
  }

  /**
   * Applies one update from the accumulated gradients, then zeroes them.
   *
   * @param learningRate this step's learning rate
   * @param maxGradNorm gradients are scaled down to this global L2 norm when above it; 0 or less for no clipping
   * @return the global gradient norm before clipping; when it is not finite no parameter changes (the step is
   *     skipped and not counted) and the gradients are zeroed
   */
  public double step(double learningRate, double maxGradNorm) {
    List<String> names = params.trainableNames();
    double sumSquares = 0;
    NDArray[] grads = new NDArray[names.size()];
    for (int i = 0; i < names.size(); i++) {
      grads[i] = params.get(names.get(i)).getGradient();
      try (NDArray squares = grads[i].square();
          NDArray sum = squares.sum()) {
        sumSquares += sum.getFloat();
      }
    }
    double norm = Math.sqrt(sumSquares);
    if (Double.isFinite(norm)) {
      steps++;
      double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1.0;
      double correction1 = 1 - Math.pow(beta1, steps);
      double correction2 = 1 - Math.pow(beta2, steps);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        NDArray p = params.get(name);
        NDArray m = first.get(name);
        NDArray v = second.get(name);
        // temporaries are closed at once so the allocator reuses their memory within the step
        try (NDArray g = grads[i].mul(scale);
            NDArray gm = g.mul(1 - beta1);
            NDArray g2 = g.square()) {
          m.muli(beta1).addi(gm);
          v.muli(beta2).addi(g2.muli(1 - beta2));
        }
        if (weightDecay > 0 && decays.test(name)) {
          p.muli(1 - learningRate * weightDecay);
        }
        try (NDArray vHat = v.div(correction2);
            NDArray denominator = vHat.sqrt();
            NDArray update = m.mul(learningRate / correction1)) {
          p.subi(update.divi(denominator.addi(epsilon)));
        }
      }
    }
    for (NDArray g : grads) {
      if (Double.isFinite(norm)) {
        g.muli(0); // gradients accumulate across backward calls until zeroed
      } else {
        g.set(new float[Math.toIntExact(g.size())]); // NaN · 0 is NaN: overwrite, or every later step is skipped too
      }
    }
    ParameterSet.releaseAllBut(manager, kept);
    params.releaseTemporaries();
    return norm;
  }

  /** The moments and the step count, for a checkpoint: {@code m.<name>}, {@code v.<name>} and {@code steps}. */
  public Map<String, float[]> state() {
    Map<String, float[]> out = new LinkedHashMap<>();
    first.forEach((name, m) -> out.put("m." + name, m.toFloatArray()));
    second.forEach((name, v) -> out.put("v." + name, v.toFloatArray()));
    out.put("steps", new float[] {Float.intBitsToFloat((int) steps), Float.intBitsToFloat((int) (steps >>> 32))});
    return out;
  }

  /** Restores {@link #state()}. */
  public void load(Map<String, float[]> state) {
    first.forEach((name, m) -> m.set(require(state, "m." + name, m.size())));
    second.forEach((name, v) -> v.set(require(state, "v." + name, v.size())));
    float[] s = require(state, "steps", 2);
    steps = (Float.floatToRawIntBits(s[0]) & 0xFFFFFFFFL) | ((long) Float.floatToRawIntBits(s[1]) << 32);
  }

  private static float[] require(Map<String, float[]> state, String key, long size) {
    float[] v = state.get(key);
    if (v == null || v.length != size) {
      throw new IllegalArgumentException("optimizer state " + key + " is missing or has " + (v == null ? 0 : v.length)
          + " values instead of " + size + "; the checkpoint belongs to another model");
    }
    return v;
  }

  @Override
  public void close() {
    manager.close();
  }
}
