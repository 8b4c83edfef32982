package dev.specvlm.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The random decisions of the text grammar, with their cost: every pick adds its surprisal {@code -log2 p} to a running
 * total, so that the total over an answer is the information (in bits) that the grammar added beyond the scene and the
 * question. Its mean over samples estimates the conditional entropy of an answer given image and question (an upper
 * bound where two derivations give the same text). Not thread-safe; one per sample.
 */
final class Choices {
  private static final double LN2 = Math.log(2);

  private final Random random;
  private double bits;

  Choices(long seed) {
    this.random = new Random(seed);
  }

  /** One of {@code options}, uniformly. */
  <T> T pick(List<T> options) {
    int n = options.size();
    if (n == 0) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    if (n == 1) {
      return options.get(0);
    }
    bits += Math.log(n) / LN2;
    return options.get(random.nextInt(n));
  }

  /** One of {@code options}, uniformly. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read
  final <T> T pick(T... options) {
    return pick(List.of(options));
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    if (p <= 0) {
      return false;
    }
    if (p >= 1) {
      return true;
    }
    boolean yes = random.nextDouble() < p;
    bits -= Math.log(yes ? p : 1 - p) / LN2;
    return yes;
  }

  /** An index drawn with probability proportional to {@code weights[i]}. */
  int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    int i = 0;
    while (i < weights.length - 1 && u >= weights[i]) {
      u -= weights[i];
      i++;
    }
    bits -= Math.log(weights[i] / total) / LN2;
    return i;
  }

  /** A uniformly random permutation of {@code items}. */
  <T> List<T> shuffled(List<T> items) {
    List<T> out = new ArrayList<>(items);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
      bits += Math.log(i + 1) / LN2;
    }
    return out;
  }

  /** The surprisal accumulated so far, in bits. */
  double bits() {
    return bits;
  }
}
