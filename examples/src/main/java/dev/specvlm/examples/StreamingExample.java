package dev.specvlm.examples;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import java.nio.file.Path;

/**
 * Streaming: tokens are printed as they are committed. A committed token is final — speculation never shows a drafted
 * token that verification later rejects — so the stream is exactly the final text. Sampling with a seed makes the run
 * reproducible. Optional arguments: a model folder and an image.
 */
public final class StreamingExample {
  private StreamingExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    Path model = Path.of(args.length > 0 ? args[0] : "models/specvlm-tiny");
    Path image = Path.of(args.length > 1 ? args[1] : "examples/scene.png");
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(model).build()) {
      Prompt prompt = Prompt.builder().image(image).text("Describe the image.").build();
      GenerationConfig config = GenerationConfig.builder().maxNewTokens(96).temperature(0.8).topP(0.95).seed(7)
          .build();
      GenerationResult r = decoder.generate(prompt, config, (tokenId, text) -> {
        System.out.print(text);
        System.out.flush();
      });
      System.out.printf("%n[%s after %d tokens, σ = %.2f]%n", r.finishReason(), r.tokenCount(),
          r.stats().meanAcceptedLength());
    }
  }
}
