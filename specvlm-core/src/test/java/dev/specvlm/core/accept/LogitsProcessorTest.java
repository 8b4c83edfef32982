package dev.specvlm.core.accept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InferenceException;
import org.junit.jupiter.api.Test;

class LogitsProcessorTest {
  private static final float[] LOGITS = {1.0f, 3.0f, 2.0f, 3.0f, -1.0f, 0.5f};
  private static final TokenContext EMPTY = new TokenContext(6);

  private static double[] probabilities(GenerationConfig c, float[] logits, TokenContext context, int... path) {
    TokenDistribution d = new LogitsProcessor(c, logits.length).process(logits, 0, context, path, path.length, 0);
    double[] p = new double[logits.length];
    for (int v = 0; v < p.length; v++) {
      p[v] = d.probability(v);
    }
    return p;
  }

  private static double[] softmax(double[] x, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp((x[i] - max) / t);
      sum += p[i];
    }
    for (int i = 0; i < x.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static void assertClose(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-12, "token " + i);
    }
  }

  @Test
  void process_temperature_isSoftmaxOfScaledLogits() {
    double[] x = {1, 3, 2, 3, -1, 0.5};
    assertClose(softmax(x, 0.7), probabilities(GenerationConfig.builder().temperature(0.7).build(), LOGITS, EMPTY));
  }

  @Test
  void process_topK_keepsTheKLargestLowerIdOnTies() {
    double[] p = probabilities(GenerationConfig.builder().temperature(1).topK(2).build(), LOGITS, EMPTY);
    assertClose(new double[] {0, 0.5, 0, 0.5, 0, 0}, p);
    double[] p3 = probabilities(GenerationConfig.builder().temperature(1).topK(3).build(), LOGITS, EMPTY);
    assertClose(softmaxOver(new double[] {1, 3, 2, 3, -1, 0.5}, 1, 2, 3), p3);
  }

  @Test
  void process_topP_keepsTheShortestPrefixReachingTheMass() {
    double[] full = softmax(new double[] {1, 3, 2, 3, -1, 0.5}, 1);
    // order: 1, 3 (tie, lower id first), 2, 0, 5, 4; p(1)+p(3) ≈ 0.62 < 0.7 <= with token 2
    double topP = full[1] + full[3] + 0.01;
    double[] p = probabilities(GenerationConfig.builder().temperature(1).topP(topP).build(), LOGITS, EMPTY);
    assertClose(softmaxOver(new double[] {1, 3, 2, 3, -1, 0.5}, 1, 2, 3), p);
  }

  @Test
  void process_topPOverLargeVocabulary_matchesFullSortIncludingTies() {
    for (int trial = 0; trial < 6; trial++) {
      int v = 5000;
      float[] logits = new float[v];
      java.util.SplittableRandom r = new java.util.SplittableRandom(trial);
      boolean ties = trial % 2 == 0;
      for (int i = 0; i < v; i++) {
        logits[i] = ties ? Math.round(r.nextDouble() * 8) / 2f : (float) (r.nextGaussian() * (1 + trial));
      }
      double topP = 0.3 + 0.1 * trial;
      double[] p = probabilities(GenerationConfig.builder().temperature(0.8).topP(topP).build(), logits,
          new TokenContext(v));
      double[] x = new double[v];
      for (int i = 0; i < v; i++) {
        x[i] = logits[i];
      }
      double[] full = softmax(x, 0.8);
      Integer[] order = new Integer[v];
      for (int i = 0; i < v; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> full[a] != full[b] ? Double.compare(full[b], full[a]) : a - b);
      double cum = 0;
      int kept = 0;
      while (cum < topP * java.util.Arrays.stream(full).sum()) {
        cum += full[order[kept++]];
      }
      boolean[] shouldKeep = new boolean[v];
      for (int j = 0; j < kept; j++) {
        shouldKeep[order[j]] = true;
      }
      for (int i = 0; i < v; i++) {
        assertEquals(shouldKeep[i], p[i] > 0, "trial " + trial + " token " + i);
      }
    }
  }

  @Test
  void process_topPOverEqualLogits_keepsTheLowestIds() {
    float[] logits = new float[1000];
    double[] p = probabilities(GenerationConfig.builder().temperature(1).topP(0.25).build(), logits,
        new TokenContext(1000));
    for (int i = 0; i < 1000; i++) {
      assertEquals(i < 250 ? 1.0 / 250 : 0, p[i], 1e-12, "token " + i);
    }
  }

  @Test
  void process_minP_dropsTokensBelowTheFractionOfTheTop() {
    // relative to the top (logit 3): token 2 has e^-1 ≈ 0.37, token 0 e^-2 ≈ 0.14
    double[] p = probabilities(GenerationConfig.builder().temperature(1).minP(0.2).build(), LOGITS, EMPTY);
    assertClose(softmaxOver(new double[] {1, 3, 2, 3, -1, 0.5}, 1, 2, 3), p);
  }

  @Test
  void process_repetitionPenalty_appliesOncePerDistinctContextOrPathToken() {
    TokenContext context = new TokenContext(6);
    context.add(1);
    context.add(4);
    GenerationConfig c = GenerationConfig.builder().temperature(1).repetitionPenalty(2).build();
    // token 1 (3.0 → 1.5), 4 (−1 → −2), path token 3 (3.0 → 1.5), path repeats 1: still penalised once
    double[] expected = softmax(new double[] {1, 1.5, 2, 1.5, -2, 0.5}, 1);
    assertClose(expected, probabilities(c, LOGITS, context, 3, 1));
  }

  @Test
  void argmax_penalty_changesTheWinnerAndTiesGoToTheLowerId() {
    LogitsProcessor greedy = new LogitsProcessor(GenerationConfig.builder().temperature(0).build(), 6);
    assertEquals(1, greedy.argmax(LOGITS, 0, EMPTY, new int[0], 0, 0));
    LogitsProcessor penalised =
        new LogitsProcessor(GenerationConfig.builder().temperature(0).repetitionPenalty(2).build(), 6);
    assertEquals(3, penalised.argmax(LOGITS, 0, EMPTY, new int[] {1}, 1, 0));
    assertEquals(2, penalised.argmax(LOGITS, 0, EMPTY, new int[] {1, 3}, 2, 0));
  }

  @Test
  void argmax_penalty_matchesTheFullPenalisedScan() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int trial = 0; trial < 2000; trial++) {
      int v = 40;
      float[] logits = new float[v];
      for (int i = 0; i < v; i++) {
        logits[i] = Math.round((float) r.nextGaussian() * 4) / 2f; // ties and zeros are common
      }
      TokenContext context = new TokenContext(v);
      for (int i = 0; i < r.nextInt(8); i++) {
        context.add(r.nextInt(v));
      }
      int[] path = {r.nextInt(v), r.nextInt(v)};
      double penalty = trial % 2 == 0 ? 1.3 : 0.7;
      int expected = -1;
      double expectedValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < v; i++) {
        boolean marked = context.contains(i) || path[0] == i || path[1] == i;
        double s = marked ? (logits[i] > 0 ? logits[i] / penalty : logits[i] * penalty) : logits[i];
        if (s > expectedValue) {
          expectedValue = s;
          expected = i;
        }
      }
      LogitsProcessor p = new LogitsProcessor(
          GenerationConfig.builder().temperature(0).repetitionPenalty(penalty).build(), v);
      assertEquals(expected, p.argmax(logits, 0, context, path, 2, 0), "trial " + trial);
    }
  }

  @Test
  void process_nanLogit_throwsNamingTargetAndPosition() {
    float[] bad = LOGITS.clone();
    bad[2] = Float.NaN;
    LogitsProcessor p = new LogitsProcessor(GenerationConfig.builder().temperature(1).build(), 6);
    InferenceException e = assertThrows(InferenceException.class,
        () -> p.process(bad, 0, EMPTY, new int[0], 0, 41));
    assertTrue(e.getMessage().contains("target") && e.getMessage().contains("position 41"), e.getMessage());
    LogitsProcessor g = new LogitsProcessor(GenerationConfig.builder().temperature(0).build(), 6);
    assertThrows(InferenceException.class, () -> g.argmax(bad, 0, EMPTY, new int[0], 0, 41));
  }

  @Test
  void process_allImpossible_throws() {
    float[] none = new float[6];
    java.util.Arrays.fill(none, Float.NEGATIVE_INFINITY);
    LogitsProcessor p = new LogitsProcessor(GenerationConfig.builder().temperature(1).build(), 6);
    assertThrows(InferenceException.class, () -> p.process(none, 0, EMPTY, new int[0], 0, 0));
  }

  @Test
  void sample_walksTheCdfInTokenOrderAndRemoveRenormalises() {
    LogitsProcessor p = new LogitsProcessor(GenerationConfig.builder().temperature(1).topK(2).build(), 6);
    TokenDistribution d = p.process(LOGITS, 0, EMPTY, new int[0], 0, 0); // tokens 1 and 3, 0.5 each
    assertEquals(1, d.sample(0.0));
    assertEquals(1, d.sample(0.4999));
    assertEquals(3, d.sample(0.5));
    assertEquals(3, d.sample(0.9999999));
    d.remove(1);
    assertEquals(1.0, d.probability(3));
    assertEquals(3, d.sample(0.0));
  }

  private static double[] softmaxOver(double[] x, int... keep) {
    double[] sub = new double[x.length];
    java.util.Arrays.fill(sub, Double.NEGATIVE_INFINITY);
    for (int k : keep) {
      sub[k] = x[k];
    }
    return softmax(sub, 1);
  }
}
