package dev.specvlm;

import dev.specvlm.spi.DecoderOptions;
import dev.specvlm.spi.SpecDecoderProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A loaded vision-language model with its draft, generating text losslessly faster by speculative decoding.
 *
 * <p>Open one with {@link #builder()}, share it between threads, and close it when done:
 *
 * <pre>{@code
 * try (SpecDecoder decoder = SpecDecoder.builder().modelDir(Path.of("models/specvlm-tiny")).build()) {
 *   GenerationResult r = decoder.generate(
 *       Prompt.builder().image(Path.of("scene.png")).text("Describe the image.").build(),
 *       GenerationConfig.builder().maxNewTokens(64).build());
 *   System.out.println(r.text() + "  σ=" + r.stats().meanAcceptedLength());
 * }
 * }</pre>
 *
 * <p>Thread-safety: every method may be called from any thread; concurrent generations share the model's sessions and
 * each owns its KV cache, tree and random stream. {@link #close()} is idempotent: generations still running end with
 * {@link FinishReason#CANCELLED} and native memory is released once they have ended. Any method but {@code close()}
 * called after close throws {@link IllegalStateException}.
 */
public interface SpecDecoder extends AutoCloseable {

  /** A builder that opens a decoder through the backend on the class path (normally {@code specvlm-onnx}). */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Generates from {@code prompt} with the {@link GenerationConfig#defaults() default} settings.
   *
   * @throws SpecVlmException with an actionable message if the request is invalid or a model fails
   */
  default GenerationResult generate(Prompt prompt) {
    return generate(prompt, GenerationConfig.defaults());
  }

  /**
   * Generates from {@code prompt}, blocking until a stop, the length limit, a timeout or cancellation.
   *
   * @throws SpecVlmException with an actionable message if the request is invalid or a model fails
   */
  GenerationResult generate(Prompt prompt, GenerationConfig config);

  /**
   * Generates from {@code prompt}, calling {@code listener} with each token as it is committed.
   *
   * @throws SpecVlmException with an actionable message if the request is invalid or a model fails
   */
  GenerationResult generate(Prompt prompt, GenerationConfig config, TokenListener listener);

  /** Starts a generation in the background; see {@link GenerationHandle} for cancellation. */
  GenerationHandle generateAsync(Prompt prompt, GenerationConfig config);

  /** Starts a streaming generation in the background; {@code listener} runs on the generating thread. */
  GenerationHandle generateAsync(Prompt prompt, GenerationConfig config, TokenListener listener);

  /**
   * Checks on {@code prompts} that speculation changes no output: each prompt is generated with {@code config} and
   * again with {@link SpeculationMode#AR}, and the token sequences are compared. Greedy configurations
   * ({@code temperature == 0}) must match token for token; sampling ones are compared seed-coupled (same seed,
   * {@link VerificationSampler#COUPLED}; without a configured seed, prompt {@code i} uses seed {@code i + 1}). The first
   * divergence of each prompt is reported with its position and both tokens' probabilities, and labelled a numeric
   * tie when the tokens are within {@link LosslessnessReport#DEFAULT_TIE_TOLERANCE} (see {@link LosslessnessReport}).
   * Runs the prompts one after another on the calling thread.
   *
   * @param config the speculative setting to check (not {@link SpeculationMode#AR})
   * @throws InvalidRequestException if {@code prompts} is empty, the mode is AR, or sampling uses
   *     {@link VerificationSampler#REJECTION} (lossless in distribution only, so not comparable token by token)
   */
  default LosslessnessReport verifyLossless(List<Prompt> prompts, GenerationConfig config) {
    return verifyLossless(prompts, config, LosslessnessReport.DEFAULT_TIE_TOLERANCE);
  }

  /**
   * {@link #verifyLossless(List, GenerationConfig)} with a chosen tie tolerance in logit units (larger for float16
   * models, whose kernels round more).
   *
   * @throws InvalidRequestException as above, or if {@code tieTolerance} is negative or not finite
   */
  LosslessnessReport verifyLossless(List<Prompt> prompts, GenerationConfig config, double tieTolerance);

  /** Tokenizes {@code text} with the model's tokenizer, without special tokens or chat template. */
  int[] encode(String text);

  /**
   * Turns token ids back into text; special tokens (end-of-sequence, image placeholders) are left out, as in
   * {@link GenerationResult#text()}.
   *
   * @throws InvalidRequestException if an id is outside the vocabulary
   */
  String decode(int[] tokenIds);

  /** What the loaded model is and where it runs. */
  ModelInfo modelInfo();

  /** Releases sessions and native memory; idempotent. Running generations end with {@link FinishReason#CANCELLED}. */
  @Override
  void close();

  /**
   * Collects decoder settings and opens a {@link SpecDecoder} through a {@link SpecDecoderProvider} found with
   * {@link ServiceLoader}. Setters validate at once. Not thread-safe.
   */
  final class Builder {
    private @Nullable Path modelDir;
    private Device device = Device.cpu();
    private int intraOpThreads;
    private GraphOptimization graphOptimization = GraphOptimization.ALL;
    private @Nullable Path optimizedModelCache;
    private final List<Path> customOperatorLibraries = new ArrayList<>();
    private @Nullable Executor asyncExecutor;
    private @Nullable String provider;

    private Builder() {}

    /** The model folder holding {@code specvlm.json}; required. */
    public Builder modelDir(Path modelDir) {
      this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
      return this;
    }

    /** Where to run (default {@link Device#cpu()}). */
    public Builder device(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** Threads per operator, >= 0; 0 (the default) lets the runtime choose. */
    public Builder intraOpThreads(int threads) {
      if (threads < 0) {
        throw new InvalidRequestException("intraOpThreads must be >= 0 (0 = runtime default), got " + threads);
      }
      this.intraOpThreads = threads;
      return this;
    }

    /** How much the runtime may rewrite graphs (default {@link GraphOptimization#ALL}). */
    public Builder graphOptimization(GraphOptimization level) {
      this.graphOptimization = Objects.requireNonNull(level, "level");
      return this;
    }

    /** A folder in which optimized graphs are cached between runs; none by default. */
    public Builder optimizedModelCache(Path folder) {
      this.optimizedModelCache = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Loads a native custom-operator library. Model folders are untrusted input and can never cause a library to be
     * loaded; only this explicit call can.
     */
    public Builder customOperatorLibrary(Path library) {
      customOperatorLibraries.add(Objects.requireNonNull(library, "library"));
      return this;
    }

    /** The executor for {@link SpecDecoder#generateAsync}; by default the decoder runs its own daemon threads. */
    public Builder asyncExecutor(Executor executor) {
      this.asyncExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Selects the backend by {@link SpecDecoderProvider#name()} when several are on the class path. */
    public Builder provider(String name) {
      this.provider = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The settings collected so far. */
    public DecoderOptions options() {
      if (modelDir == null) {
        throw new InvalidRequestException("modelDir is required: call modelDir(Path) with a folder holding specvlm.json");
      }
      return new DecoderOptions(modelDir, device, intraOpThreads, graphOptimization, optimizedModelCache,
          customOperatorLibraries, asyncExecutor);
    }

    /**
     * Loads the model and opens the decoder.
     *
     * @throws ModelLoadException if the model folder is unusable (the message names the file and the problem)
     * @throws BackendUnavailableException if no backend is on the class path or the device cannot be honoured
     */
    public SpecDecoder build() {
      DecoderOptions options = options();
      return findProvider().open(options);
    }

    private SpecDecoderProvider findProvider() {
      List<SpecDecoderProvider> providers = new ArrayList<>();
      ServiceLoader.load(SpecDecoderProvider.class, SpecDecoder.class.getClassLoader()).forEach(providers::add);
      if (providers.isEmpty()) {
        throw new BackendUnavailableException("no specvlm backend on the class path: add the dependency "
            + "dev.specvlm:specvlm-onnx plus com.microsoft.onnxruntime:onnxruntime (CPU) or onnxruntime_gpu (CUDA)");
      }
      if (provider == null) {
        return providers.get(0);
      }
      for (SpecDecoderProvider p : providers) {
        if (p.name().equals(provider)) {
          return p;
        }
      }
      throw new BackendUnavailableException("no specvlm backend named '" + provider + "'; available: "
          + providers.stream().map(SpecDecoderProvider::name).collect(Collectors.joining(", ")));
    }
  }
}
