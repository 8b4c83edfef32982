package dev.specvlm.core;

import dev.specvlm.GenerationConfig;
import dev.specvlm.core.accept.LogitsProcessor;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.accept.TokenDistribution;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetState;
import dev.specvlm.core.testmodel.TestModels;
import dev.specvlm.core.testmodel.TestTokenizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The exact distribution of generated sequences under autoregressive sampling: the product, along each sequence, of
 * the processed target probabilities, with the reference target run from scratch on every prefix. The reference a
 * speculative sampler must reproduce.
 */
final class ExactDistribution {
  private ExactDistribution() {}

  /**
   * Probabilities of every length-{@code length} continuation of a raw-token prompt (BOS prepended, as the engine
   * does), keyed by {@link Arrays#toString(int[])}; zero-probability sequences are absent.
   */
  static Map<String, Double> of(TestModels.Bundle bundle, int[] promptIds, GenerationConfig config, int length) {
    int[] prompt = new int[promptIds.length + 1];
    prompt[0] = TestTokenizer.BOS;
    System.arraycopy(promptIds, 0, prompt, 1, promptIds.length);
    Map<String, Double> out = new HashMap<>();
    expand(bundle, prompt, config, new int[0], 1.0, length, out);
    return out;
  }

  private static void expand(TestModels.Bundle bundle, int[] prompt, GenerationConfig config, int[] generated,
      double probability, int length, Map<String, Double> out) {
    if (generated.length == length) {
      out.put(Arrays.toString(generated), probability);
      return;
    }
    int vocab = bundle.spec().vocabSize();
    int h = bundle.spec().hiddenSize();
    int[] all = new int[prompt.length + generated.length];
    System.arraycopy(prompt, 0, all, 0, prompt.length);
    System.arraycopy(generated, 0, all, prompt.length, generated.length);
    int n = all.length;
    float[] embeds = new float[n * h];
    bundle.embedder().embed(all, 0, n, embeds, 0);
    int[] positions = new int[n];
    Arrays.setAll(positions, i -> i);
    float[] logits = new float[vocab];
    try (TargetState state = bundle.target().newState(n)) {
      state.forward(embeds, n, positions, new AttentionMask(n, n).setCausal(n), 1, logits, new float[n * h]);
    }
    TokenContext context = new TokenContext(vocab);
    context.addAll(all, 0, n);
    TokenDistribution d = new LogitsProcessor(config, vocab).process(logits, 0, context, new int[0], 0, n - 1);
    double[] p = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      p[v] = d.probability(v);
    }
    for (int v = 0; v < vocab; v++) {
      if (p[v] > 0) {
        int[] next = Arrays.copyOf(generated, generated.length + 1);
        next[generated.length] = v;
        expand(bundle, prompt, config, next, probability * p[v], length, out);
      }
    }
  }
}
