package dev.specvlm.core;

import dev.specvlm.GenerationConfig;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.testmodel.StubVision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Helpers for the engine's tests: decoders with fixed seeds, and reproducible prompt sets. */
final class TestDecoders {
  private TestDecoders() {}

  /** A decoder whose unseeded requests draw seeds 1, 2, 3, ... */
  static SpecDecoder open(ModelBundle bundle) {
    return open(bundle, AcceptorFactory.STANDARD);
  }

  /** A decoder with a substitute acceptor factory (for deliberately broken acceptance). */
  static SpecDecoder open(ModelBundle bundle, AcceptorFactory acceptors) {
    long[] next = {0};
    return new EngineDecoder(bundle, null, () -> {
      synchronized (next) {
        return ++next[0];
      }
    }, acceptors);
  }

  /**
   * {@code count} reproducible prompts of raw tokens over {@code [3, vocab)}, about a third of them with one or two
   * images of 1–40 visual slots, some with chat-templated text.
   */
  static List<Prompt> prompts(int count, int vocab, boolean images, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Prompt.Builder b = Prompt.builder().chatTemplate(r.nextInt(4) == 0);
      int parts = 1 + r.nextInt(3);
      for (int p = 0; p < parts; p++) {
        int kind = r.nextInt(images ? 4 : 3);
        if (kind == 3) {
          b.image(StubVision.image(1 + r.nextInt(40), r.nextInt(1000)));
        } else if (kind == 2) {
          b.text(r.nextBoolean() ? " the cab" : "abé. x");
        } else {
          int[] ids = new int[1 + r.nextInt(10)];
          for (int j = 0; j < ids.length; j++) {
            ids[j] = 3 + r.nextInt(vocab - 3);
          }
          b.tokens(ids);
        }
      }
      prompts.add(b.build());
    }
    return prompts;
  }

  /** {@code base} with another speculation mode and tree budget. */
  static GenerationConfig with(GenerationConfig base, SpeculationMode mode, int k, int t, int d) {
    return base.toBuilder().speculation(mode).treeBudget(k, t, d).build();
  }
}
