package dev.specvlm.examples.cli;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecStats;
import dev.specvlm.SpeculationMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code specvlm generate}: one prompt, the generated text, σ and the speedup over autoregressive decoding. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Generates text for a prompt of images and text, then reports σ (tokens per target forward) and "
        + "the speedup over plain autoregressive decoding, measured on the same prompt and seed."},
    footer = {"", "Example:", "  specvlm generate --image examples/scene.png \"Describe the image.\""})
public final class GenerateCommand implements Callable<Integer> {
  @Mixin ModelOptions model = new ModelOptions();
  @Mixin SamplingOptions sampling = new SamplingOptions();

  @Option(names = {"-i", "--image"}, paramLabel = "FILE", description = "An image (PNG, JPEG, BMP, GIF) placed "
      + "before the text; repeat for several.")
  List<Path> images = new ArrayList<>();

  @Parameters(paramLabel = "PROMPT", arity = "0..*", description = "The prompt text (default: \"Describe the "
      + "image.\").")
  List<String> words = new ArrayList<>();

  @Option(names = "--stream", description = "Print tokens as they are committed.")
  boolean stream;

  @Option(names = "--no-compare", description = "Skip the autoregressive run that the speedup is measured against.")
  boolean noCompare;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The prompt these arguments describe: the images, then the text. */
  Prompt prompt() {
    Prompt.Builder b = Prompt.builder();
    for (Path image : images) {
      if (!Files.isRegularFile(image)) {
        throw new InvalidRequestException("image " + image + " not found (working directory "
            + Path.of("").toAbsolutePath() + "); pass the path of a PNG, JPEG, BMP or GIF file");
      }
      b.image(image);
    }
    return b.text(words.isEmpty() ? "Describe the image." : String.join(" ", words)).build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Prompt prompt = prompt();
    GenerationConfig config = sampling.config();
    if (config.isSampling() && config.seed().isEmpty()) {
      config = config.toBuilder().seed(new java.util.SplittableRandom().nextLong()).build(); // one seed for both runs
    }
    boolean compare = !noCompare && config.speculation() != SpeculationMode.AR;
    try (SpecDecoder decoder = model.open()) {
      @Nullable GenerationResult ar = null;
      if (compare) {
        // warm up both paths (runtime initialisation, the tree budget's device measurement), then AR, then ours
        decoder.generate(prompt, config.toBuilder().maxNewTokens(Math.min(8, config.maxNewTokens())).build());
        ar = decoder.generate(prompt, config.toBuilder().speculation(SpeculationMode.AR).build());
      }
      GenerationResult r;
      if (stream) {
        r = decoder.generate(prompt, config, (id, text) -> {
          out.print(text);
          out.flush();
        });
        out.println();
      } else {
        r = decoder.generate(prompt, config);
        out.println(r.text());
      }
      report(err, r, ar);
    }
    return ExitCodes.OK;
  }

  private static void report(PrintWriter err, GenerationResult r, @Nullable GenerationResult ar) {
    SpecStats s = r.stats();
    err.println();
    err.printf(Locale.ROOT, "%d tokens (%s) in %.1f ms: %.1f tokens/s, first token after %.1f ms%n",
        r.tokenCount(), r.finishReason(), s.totalNanos() / 1e6, s.tokensPerSecond(), s.firstTokenNanos() / 1e6);
    if (s.mode() == SpeculationMode.AR) {
      err.println("mode AR (no speculation)");
      return;
    }
    err.printf(Locale.ROOT, "σ = %.2f tokens per target forward (%s, tree budget %s, %d rounds, %.0f%% of drafted "
        + "tokens accepted)%n", s.meanAcceptedLength(), s.mode(), s.treeBudget(), s.rounds(),
        100 * s.acceptanceRate());
    if (ar != null) {
      boolean same = Arrays.equals(ar.tokenIds(), r.tokenIds());
      err.printf(Locale.ROOT, "speedup over autoregressive: %.2f× (AR %.1f tokens/s; %s)%n",
          s.tokensPerSecond() / ar.stats().tokensPerSecond(), ar.stats().tokensPerSecond(),
          same ? "same tokens" : "DIFFERENT tokens: run 'specvlm verify' on this prompt");
    }
  }
}
