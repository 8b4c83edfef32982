package dev.specvlm.examples;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Raw token ids: for applications with their own tokenizer or prompt format. {@link Prompt#ofTokens} is used verbatim
 * (no chat template, no special tokens added); the result's {@link GenerationResult#tokenIds()} are the generated ids.
 * Token parts and images mix in a builder. Optional argument: a model folder.
 */
public final class RawTokensExample {
  private RawTokensExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    Path model = Path.of(args.length > 0 ? args[0] : "models/specvlm-tiny");
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(model).build()) {
      int[] prompt = decoder.encode("USER: What shapes are there? ASSISTANT:");
      GenerationResult r = decoder.generate(Prompt.ofTokens(prompt), GenerationConfig.builder().maxNewTokens(32)
          .build());
      System.out.println("prompt ids:    " + Arrays.toString(prompt));
      System.out.println("generated ids: " + Arrays.toString(r.tokenIds()));
      System.out.println("decoded:       " + decoder.decode(r.tokenIds()));
    }
  }
}
