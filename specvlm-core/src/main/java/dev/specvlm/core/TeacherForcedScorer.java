package dev.specvlm.core;

import dev.specvlm.Prompt;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.kv.TargetKv;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.TargetState;

/**
 * Scores a given continuation with the target the way autoregressive decoding runs it: the prompt in one prefill,
 * then each token in its own single-token forward. Gives the logits of one output position after a fixed prefix, for
 * losslessness reports. Not for the decode loop (allocates per call).
 */
final class TeacherForcedScorer {
  private final ModelBundle bundle;

  TeacherForcedScorer(ModelBundle bundle) {
    this.bundle = bundle;
  }

  /**
   * The target's logits for generated position {@code position} after {@code prompt} and {@code prefix[0, position)},
   * with the context (prompt and prefix tokens) for the repetition penalty.
   *
   * @return the logits {@code [V]} and the context
   */
  Scored score(Prompt prompt, int[] prefix, int position) {
    AssembledPrompt p = new PromptAssembler(bundle).assemble(prompt);
    int n = p.length();
    int vocab = bundle.spec().vocabSize();
    int hidden = bundle.spec().hiddenSize();
    float[] logits = new float[vocab]; // [1, V]
    try (TargetState state = bundle.target().newState(n + position + 1)) {
      TargetKv target = new TargetKv(state, n + position + 1, n);
      int[] positions = new int[n];
      for (int i = 0; i < n; i++) {
        positions[i] = i;
      }
      target.forward(p.embeds(), n, positions, new AttentionMask(n, n).setCausal(n), 1, logits,
          new float[n * hidden]);
      target.commitAll();
      float[] embed = new float[hidden]; // [1, H]
      float[] feature = new float[hidden]; // [1, H]
      AttentionMask single = new AttentionMask(1, 1).setCausal(1);
      int[] one = new int[1];
      for (int j = 0; j < position; j++) {
        bundle.embedder().embed(prefix, j, 1, embed, 0);
        one[0] = n + j;
        target.forward(embed, 1, one, single, 1, logits, feature);
        target.commitAll();
      }
    }
    TokenContext context = new TokenContext(vocab);
    context.addAll(p.tokens(), 0, n);
    context.addAll(prefix, 0, position);
    return new Scored(logits, context, n + position);
  }

  /**
   * The scored row.
   *
   * @param logits {@code [V]}
   * @param context prompt and prefix tokens
   * @param sequencePosition the row's position in the target's sequence
   */
  record Scored(float[] logits, TokenContext context, int sequencePosition) {}
}
