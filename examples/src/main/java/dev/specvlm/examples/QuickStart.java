package dev.specvlm.examples;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import java.nio.file.Path;

/**
 * The quick start: load the bundled model, describe one image, print the text and the statistics. Run from the
 * repository root; optional arguments: a model folder and an image.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the example. */
  public static void main(String[] args) {
    Path model = Path.of(args.length > 0 ? args[0] : "models/specvlm-tiny");
    Path image = Path.of(args.length > 1 ? args[1] : "examples/scene.png");
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(model).build()) {
      GenerationResult r = decoder.generate(Prompt.builder().image(image).text("Describe the image.").build(),
          GenerationConfig.builder().maxNewTokens(64).build());
      System.out.println(r.text());
      System.out.printf("σ = %.2f tokens per target forward, %.1f tokens/s, tree budget %s%n",
          r.stats().meanAcceptedLength(), r.stats().tokensPerSecond(), r.stats().treeBudget());
    }
  }
}
