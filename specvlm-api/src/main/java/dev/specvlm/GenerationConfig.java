package dev.specvlm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How to generate: length, sampling, stops and speculation settings. Immutable and thread-safe; build with
 * {@link #builder()} or derive with {@link #toBuilder()}. Every setter validates at once and throws
 * {@link InvalidRequestException} naming the setting, the value and the allowed range.
 *
 * <p>Sampling processors are applied to the target's logits in this order, identically in every
 * {@link SpeculationMode}: repetition penalty, temperature, top-k, top-p, min-p. {@code temperature == 0} means
 * greedy decoding (arg max of the repetition-penalised logits, as in Hugging Face transformers), where temperature,
 * top-k, top-p and min-p have no effect.
 */
public final class GenerationConfig {
  private static final GenerationConfig DEFAULTS = new Builder().build();

  private final int maxNewTokens;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double minP;
  private final double repetitionPenalty;
  private final @Nullable Long seed;
  private final int[] eosTokenIds;
  private final boolean ignoreEos;
  private final List<int[]> stopTokenSequences;
  private final List<String> stopStrings;
  private final SpeculationMode speculation;
  private final TreeBudget treeBudget;
  private final VerificationSampler verificationSampler;
  private final VisualCompression visualCompression;
  private final @Nullable Duration timeout;

  private GenerationConfig(Builder b) {
    this.maxNewTokens = b.maxNewTokens;
    this.temperature = b.temperature;
    this.topK = b.topK;
    this.topP = b.topP;
    this.minP = b.minP;
    this.repetitionPenalty = b.repetitionPenalty;
    this.seed = b.seed;
    this.eosTokenIds = b.eosTokenIds.clone();
    this.ignoreEos = b.ignoreEos;
    this.stopTokenSequences = copyOfSequences(b.stopTokenSequences);
    this.stopStrings = List.copyOf(b.stopStrings);
    this.speculation = b.speculation;
    this.treeBudget = b.treeBudget;
    this.verificationSampler = b.verificationSampler;
    this.visualCompression = b.visualCompression;
    this.timeout = b.timeout;
  }

  /**
   * The defaults: 256 new tokens, greedy, dynamic-tree speculation with a tree budget fitted to the device
   * ({@link TreeBudget#auto()}), coupled sampler, the visual compressor's gate choosing per request
   * ({@link VisualCompression#select()}).
   */
  public static GenerationConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxNewTokens = maxNewTokens;
    b.temperature = temperature;
    b.topK = topK;
    b.topP = topP;
    b.minP = minP;
    b.repetitionPenalty = repetitionPenalty;
    b.seed = seed;
    b.eosTokenIds = eosTokenIds.clone();
    b.ignoreEos = ignoreEos;
    b.stopTokenSequences = new ArrayList<>(copyOfSequences(stopTokenSequences));
    b.stopStrings = new ArrayList<>(stopStrings);
    b.speculation = speculation;
    b.treeBudget = treeBudget;
    b.verificationSampler = verificationSampler;
    b.visualCompression = visualCompression;
    b.timeout = timeout;
    return b;
  }

  /** Upper bound on generated tokens (stops may end earlier). */
  public int maxNewTokens() {
    return maxNewTokens;
  }

  /** Sampling temperature; 0 means greedy. */
  public double temperature() {
    return temperature;
  }

  /** Whether this configuration samples ({@code temperature > 0}) rather than decoding greedily. */
  public boolean isSampling() {
    return temperature > 0;
  }

  /** Keep only the {@code topK} most likely tokens; 0 disables. */
  public int topK() {
    return topK;
  }

  /** Nucleus sampling mass in (0, 1]; 1 disables. */
  public double topP() {
    return topP;
  }

  /** Drop tokens whose probability is below {@code minP} times the top probability; 0 disables. */
  public double minP() {
    return minP;
  }

  /** HF-style repetition penalty over prompt and generated tokens; 1 disables. */
  public double repetitionPenalty() {
    return repetitionPenalty;
  }

  /** The random seed; empty means a fresh seed per request, reported in {@link SpecStats#seed()}. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /** End-of-sequence token ids; empty means the model's own. */
  public int[] eosTokenIds() {
    return eosTokenIds.clone();
  }

  /** Whether end-of-sequence tokens are ignored (generation runs to a stop or to the length limit). */
  public boolean ignoreEos() {
    return ignoreEos;
  }

  /** Token sequences that end generation once committed (copies). */
  public List<int[]> stopTokenSequences() {
    return copyOfSequences(stopTokenSequences);
  }

  /** Strings that end generation once the committed text contains them. */
  public List<String> stopStrings() {
    return stopStrings;
  }

  /** How tokens are proposed. */
  public SpeculationMode speculation() {
    return speculation;
  }

  /** The draft tree budget (K, T, D) or {@link TreeBudget#auto()}. */
  public TreeBudget treeBudget() {
    return treeBudget;
  }

  /** How drafted tokens are accepted when sampling. */
  public VerificationSampler verificationSampler() {
    return verificationSampler;
  }

  /** How the draft's visual tokens are compressed (SpecVLM); never changes the output. */
  public VisualCompression visualCompression() {
    return visualCompression;
  }

  /** Wall-clock limit after which the generation ends with {@link FinishReason#CANCELLED}; empty means none. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  private static List<int[]> copyOfSequences(List<int[]> sequences) {
    List<int[]> copy = new ArrayList<>(sequences.size());
    for (int[] s : sequences) {
      copy.add(s.clone());
    }
    return List.copyOf(copy);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GenerationConfig c)) {
      return false;
    }
    if (c.stopTokenSequences.size() != stopTokenSequences.size()) {
      return false;
    }
    for (int i = 0; i < stopTokenSequences.size(); i++) {
      if (!Arrays.equals(c.stopTokenSequences.get(i), stopTokenSequences.get(i))) {
        return false;
      }
    }
    return c.maxNewTokens == maxNewTokens
        && Double.compare(c.temperature, temperature) == 0
        && c.topK == topK
        && Double.compare(c.topP, topP) == 0
        && Double.compare(c.minP, minP) == 0
        && Double.compare(c.repetitionPenalty, repetitionPenalty) == 0
        && Objects.equals(c.seed, seed)
        && Arrays.equals(c.eosTokenIds, eosTokenIds)
        && c.ignoreEos == ignoreEos
        && c.stopStrings.equals(stopStrings)
        && c.speculation == speculation
        && c.treeBudget.equals(treeBudget)
        && c.verificationSampler == verificationSampler
        && c.visualCompression.equals(visualCompression)
        && Objects.equals(c.timeout, timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxNewTokens, temperature, topK, topP, minP, repetitionPenalty, seed,
        Arrays.hashCode(eosTokenIds), ignoreEos, stopTokenSequences.size(), stopStrings, speculation, treeBudget,
        verificationSampler, visualCompression, timeout);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("GenerationConfig{maxNewTokens=").append(maxNewTokens);
    s.append(", temperature=").append(temperature);
    if (topK > 0) {
      s.append(", topK=").append(topK);
    }
    if (topP < 1) {
      s.append(", topP=").append(topP);
    }
    if (minP > 0) {
      s.append(", minP=").append(minP);
    }
    if (repetitionPenalty != 1) {
      s.append(", repetitionPenalty=").append(repetitionPenalty);
    }
    if (seed != null) {
      s.append(", seed=").append(seed);
    }
    s.append(", speculation=").append(speculation).append(", treeBudget=").append(treeBudget);
    s.append(", verificationSampler=").append(verificationSampler);
    s.append(", visualCompression=").append(visualCompression);
    if (timeout != null) {
      s.append(", timeout=").append(timeout);
    }
    return s.append('}').toString();
  }

  /** Builds a {@link GenerationConfig}. Setters validate at once. Not thread-safe. */
  public static final class Builder {
    private int maxNewTokens = 256;
    private double temperature = 0;
    private int topK = 0;
    private double topP = 1;
    private double minP = 0;
    private double repetitionPenalty = 1;
    private @Nullable Long seed;
    private int[] eosTokenIds = new int[0];
    private boolean ignoreEos;
    private List<int[]> stopTokenSequences = new ArrayList<>();
    private List<String> stopStrings = new ArrayList<>();
    private SpeculationMode speculation = SpeculationMode.DYNAMIC_TREE;
    private TreeBudget treeBudget = TreeBudget.auto();
    private VerificationSampler verificationSampler = VerificationSampler.COUPLED;
    private VisualCompression visualCompression = VisualCompression.select();
    private @Nullable Duration timeout;

    private Builder() {}

    private static void check(boolean ok, String template, Object... args) {
      if (!ok) {
        throw new InvalidRequestException(String.format(template, args));
      }
    }

    /** Upper bound on generated tokens, at least 1 (default 256). */
    public Builder maxNewTokens(int maxNewTokens) {
      check(maxNewTokens >= 1, "maxNewTokens must be >= 1, got %s", maxNewTokens);
      this.maxNewTokens = maxNewTokens;
      return this;
    }

    /** Sampling temperature, finite and >= 0; 0 (the default) means greedy decoding. */
    public Builder temperature(double temperature) {
      check(Double.isFinite(temperature) && temperature >= 0,
          "temperature must be a finite number >= 0 (0 = greedy), got %s", temperature);
      this.temperature = temperature;
      return this;
    }

    /** Keep only the k most likely tokens when sampling; 0 (the default) disables. */
    public Builder topK(int topK) {
      check(topK >= 0, "topK must be >= 0 (0 disables), got %s", topK);
      this.topK = topK;
      return this;
    }

    /** Nucleus sampling mass in (0, 1]; 1 (the default) disables. */
    public Builder topP(double topP) {
      check(topP > 0 && topP <= 1, "topP must be in (0, 1] (1 disables), got %s", topP);
      this.topP = topP;
      return this;
    }

    /** Minimum probability relative to the top token, in [0, 1); 0 (the default) disables. */
    public Builder minP(double minP) {
      check(minP >= 0 && minP < 1, "minP must be in [0, 1) (0 disables), got %s", minP);
      this.minP = minP;
      return this;
    }

    /** HF-style repetition penalty, finite and > 0; 1 (the default) disables. */
    public Builder repetitionPenalty(double penalty) {
      check(Double.isFinite(penalty) && penalty > 0, "repetitionPenalty must be a finite number > 0 (1 disables), got %s",
          penalty);
      this.repetitionPenalty = penalty;
      return this;
    }

    /** A fixed random seed, for reproducible sampling. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** End-of-sequence token ids, each >= 0; none (the default) means the model's own. */
    public Builder eosTokenIds(int... ids) {
      for (int id : ids) {
        check(id >= 0, "eosTokenIds must be >= 0, got %s", id);
      }
      this.eosTokenIds = ids.clone();
      return this;
    }

    /** Ignore end-of-sequence tokens, so generation runs to a stop or the length limit (default false). */
    public Builder ignoreEos(boolean ignore) {
      this.ignoreEos = ignore;
      return this;
    }

    /** Adds a token sequence that ends generation once committed; non-empty, ids >= 0. */
    public Builder addStopTokenSequence(int... ids) {
      check(ids.length > 0, "a stop token sequence must not be empty");
      for (int id : ids) {
        check(id >= 0, "stop token ids must be >= 0, got %s", id);
      }
      stopTokenSequences.add(ids.clone());
      return this;
    }

    /** Adds a string that ends generation once the committed text contains it; must not be empty. */
    public Builder addStopString(String stop) {
      Objects.requireNonNull(stop, "stop");
      check(!stop.isEmpty(), "a stop string must not be empty");
      stopStrings.add(stop);
      return this;
    }

    /** How tokens are proposed (default {@link SpeculationMode#DYNAMIC_TREE}). */
    public Builder speculation(SpeculationMode mode) {
      this.speculation = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The draft tree budget (default {@link TreeBudget#auto()}, fitted to the device; {@link TreeBudget#eagleDefault()}
     * is SpecVLM's published setting).
     */
    public Builder treeBudget(TreeBudget budget) {
      this.treeBudget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** Shortcut for {@code treeBudget(TreeBudget.of(topK, totalTokens, depth))}. */
    public Builder treeBudget(int topK, int totalTokens, int depth) {
      return treeBudget(TreeBudget.of(topK, totalTokens, depth));
    }

    /** How drafted tokens are accepted when sampling (default {@link VerificationSampler#COUPLED}). */
    public Builder verificationSampler(VerificationSampler sampler) {
      this.verificationSampler = Objects.requireNonNull(sampler, "sampler");
      return this;
    }

    /**
     * How the draft's visual tokens are compressed (default {@link VisualCompression#select()}: the model's gate picks
     * a branch per request, or no compression on a model without a compressor). Never changes the output.
     */
    public Builder visualCompression(VisualCompression compression) {
      this.visualCompression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /** Wall-clock limit, positive; the generation then ends with {@link FinishReason#CANCELLED}. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      check(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive, got %s", timeout);
      this.timeout = timeout;
      return this;
    }

    /** Builds the configuration. */
    public GenerationConfig build() {
      return new GenerationConfig(this);
    }
  }
}
