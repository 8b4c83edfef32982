package dev.specvlm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.VisualCompression;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import dev.specvlm.train.eval.AcceptanceBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code models/specvlm-tiny} loads, decodes held-out scenes losslessly (speculative greedy = AR, with and
 * without its visual compressor) and its draft is a trained one (σ at temperature 0 above 1.5 with the paper's tree).
 */
class BundledModelTest {
  static final Path MODEL = Path.of("..", "models", "specvlm-tiny");

  @Test
  void bundledModel_decodesLosslesslyWithATrainedDraft() {
    assertTrue(Files.isRegularFile(MODEL.resolve("specvlm.json")),
        "the bundled model is missing at " + MODEL.toAbsolutePath().normalize()
            + "; rebuild it with models/specvlm-tiny/rebuild.sh");
    SampleGenerator generator = SampleGenerator.of(List.of(Resolution.SQUARE_64, Resolution.WIDE_128X64));
    long accepted = 0;
    long rounds = 0;
    try (SpecDecoder decoder = SpecDecoder.builder().modelDir(MODEL).build()) {
      for (int i = 0; i < 4; i++) {
        Sample s = generator.sample(DataSplit.HELD_OUT.seed(500_000 + i));
        Prompt prompt = AcceptanceBenchmark.prompt(s);
        GenerationResult ar = decoder.generate(prompt, config(SpeculationMode.AR, VisualCompression.none()));
        GenerationResult spec = decoder.generate(prompt,
            config(SpeculationMode.DYNAMIC_TREE, VisualCompression.none()));
        assertArrayEquals(ar.tokenIds(), spec.tokenIds(), "speculative output differs from AR for: " + s.question());
        GenerationResult compressed = decoder.generate(prompt,
            config(SpeculationMode.DYNAMIC_TREE, VisualCompression.select()));
        assertArrayEquals(ar.tokenIds(), compressed.tokenIds(), "SpecVLM output differs from AR for: " + s.question());
        assertNotEquals("none", compressed.stats().compressorBranch(), "the bundled compressor was not used");
        assertTrue(ar.tokenCount() > 0);
        assertFalse(ar.text().contains("<eos>") || ar.text().contains("<image>"), "special tokens in: " + ar.text());
        accepted += spec.stats().acceptedTokens();
        rounds += spec.stats().rounds();
      }
    }
    double sigma = (double) (accepted + rounds) / rounds;
    assertTrue(sigma > 1.5, "σ = " + sigma + " at temperature 0: the bundled draft looks untrained");
  }

  private static GenerationConfig config(SpeculationMode mode, VisualCompression compression) {
    return GenerationConfig.builder().maxNewTokens(64).temperature(0).speculation(mode).treeBudget(10, 60, 7)
        .visualCompression(compression).build();
  }
}
