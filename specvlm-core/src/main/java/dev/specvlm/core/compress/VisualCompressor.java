package dev.specvlm.core.compress;

import dev.specvlm.InvalidRequestException;
import dev.specvlm.VisualCompression;
import dev.specvlm.core.accept.ModelOutputCheck;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.CompressorModel;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.ModelBundle;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request's visual compression setting resolved against its model (brief §7): which branch (or weighted mixture)
 * shortens the draft's visual spans, chosen once per request by {@link #choose} from the target's features of the
 * question, and which draft head reads the result. Immutable and thread-safe; a {@link Choice} belongs to one request.
 */
public final class VisualCompressor {
  private final VisualCompression.Mode mode;
  private final @Nullable CompressorModel model;
  private final @Nullable CompressorBranch fixed;
  private final int width; // 2H: a pair [E[j+1] ‖ f_j]

  private VisualCompressor(VisualCompression.Mode mode, @Nullable CompressorModel model,
      @Nullable CompressorBranch fixed, int hidden) {
    this.mode = mode;
    this.model = model;
    this.fixed = fixed;
    this.width = 2 * hidden;
  }

  /**
   * Resolves {@code setting} on {@code bundle}.
   *
   * @return null when the draft sees every visual token: {@link VisualCompression#none()}, or
   *     {@link VisualCompression#select()} on a model without a compressor
   * @throws InvalidRequestException if the setting needs what the model lacks (a compressor, its weighted gate, a
   *     learned branch it does not ship)
   */
  public static @Nullable VisualCompressor resolve(ModelBundle bundle, VisualCompression setting) {
    CompressorModel model = bundle.compressor();
    int hidden = bundle.spec().hiddenSize();
    String name = bundle.spec().name();
    return switch (setting.mode()) {
      case NONE -> null;
      case SELECT -> {
        if (model == null) {
          yield null;
        }
        List<CompressorBranch> branches = model.branches();
        yield branches.size() == 1
            ? new VisualCompressor(VisualCompression.Mode.FIXED, model, branches.get(0), hidden)
            : new VisualCompressor(VisualCompression.Mode.SELECT, model, null, hidden);
      }
      case WEIGHTED -> {
        if (model == null || model.weightedRatio() < 1) {
          throw new InvalidRequestException("model '" + name + "' has " + (model == null ? "no visual compressor"
              : "no weighted gate in its visual compressor") + ", so VisualCompression.weighted() cannot run; use "
              + "select(), fixed(branch) or none()");
        }
        yield new VisualCompressor(VisualCompression.Mode.WEIGHTED, model, null, hidden);
      }
      case FIXED -> {
        CompressorBranch branch = CompressorBranch.parse(setting.branch().orElseThrow());
        if (branch.learned() && (model == null || !model.branches().contains(branch))) {
          throw new InvalidRequestException("model '" + name + "' does not ship the learned compressor branch '"
              + branch + "'" + (model == null ? " (it has no visual compressor)"
              : "; its branches are " + model.branches()) + "; pick one of those, or a prune<r>, pool<r> or "
              + "text-only branch, which need no weights");
        }
        yield new VisualCompressor(VisualCompression.Mode.FIXED, model, branch, hidden);
      }
    };
  }

  /**
   * The draft head for requests under this setting: the compressor's jointly trained draft when the model ships one,
   * else {@code bundle.draft()}.
   */
  public @Nullable DraftModel draft(ModelBundle bundle) {
    DraftModel own = model == null ? null : model.draft();
    return own != null ? own : bundle.draft();
  }

  /**
   * Chooses this request's compression from the target's post-prefill features of the question.
   *
   * @param features {@code [.., H]}; rows {@code [offset/H, offset/H + rows)} are the question's
   * @param rows at least 1
   * @throws dev.specvlm.InferenceException if a gate produces non-finite logits
   */
  public Choice choose(float[] features, int offset, int rows) {
    switch (mode) {
      case FIXED:
        return new Choice(Objects.requireNonNull(fixed), null);
      case SELECT: {
        CompressorModel m = Objects.requireNonNull(model);
        List<CompressorBranch> branches = m.branches();
        float[] logits = new float[branches.size()];
        m.gate(features, offset, rows, logits);
        ModelOutputCheck.requireFinite(logits, 0, logits.length, "compressor", "gate logit", 0, logits.length);
        return new Choice(branches.get(argMax(logits)), null);
      }
      case WEIGHTED: {
        CompressorModel m = Objects.requireNonNull(model);
        float[] logits = new float[3];
        m.weightedGate(features, offset, rows, logits);
        ModelOutputCheck.requireFinite(logits, 0, 3, "compressor", "weighted gate logit", 0, 3);
        return new Choice(null, softmax(logits));
      }
      default:
        throw new AssertionError(mode);
    }
  }

  /** The first index of the largest value (the inference rule of the gate: argmax, no sampling). */
  static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static float[] softmax(float[] logits) {
    double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
    double[] e = new double[3];
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      e[i] = Math.exp(logits[i] - max);
      sum += e[i];
    }
    float[] w = new float[3];
    for (int i = 0; i < 3; i++) {
      w[i] = (float) (e[i] / sum);
    }
    return w;
  }

  /**
   * One request's compression: a single branch, or (weighted mode) prune r, pool r and conv r mixed with the weighted
   * gate's softmax weights. Applies to each visual span of the request on its own.
   */
  public final class Choice {
    private final @Nullable CompressorBranch branch;
    private final float @Nullable [] weights; // [3] prune, pool, conv

    private Choice(@Nullable CompressorBranch branch, float @Nullable [] weights) {
      this.branch = branch;
      this.weights = weights;
    }

    /** The name reported in the statistics, e.g. {@code "pool20"} or {@code "weighted3"}. */
    public String name() {
      return branch != null ? branch.name() : "weighted" + Objects.requireNonNull(model).weightedRatio();
    }

    /** The single branch, or null in weighted mode. */
    public @Nullable CompressorBranch branch() {
      return branch;
    }

    /** The mixture weights (prune, pool, conv) in weighted mode, else null (a copy). */
    public float @Nullable [] weights() {
      return weights == null ? null : weights.clone();
    }

    /** The pairs a span of {@code n} pairs becomes. */
    public int outputTokens(int n) {
      return branch != null ? branch.outputTokens(n)
          : ParameterFreeBranches.ceilDiv(n, Objects.requireNonNull(model).weightedRatio());
    }

    /**
     * Compresses one visual span: {@code pairs [rows, 2H]} → {@code out [outputTokens(rows), 2H]}.
     *
     * @param rows at least 1
     */
    public void compress(float[] pairs, int rows, float[] out) {
      if (branch != null) {
        run(branch, pairs, rows, out);
        return;
      }
      int r = Objects.requireNonNull(model).weightedRatio();
      float[] w = Objects.requireNonNull(weights);
      int n = ParameterFreeBranches.ceilDiv(rows, r) * width;
      float[] part = new float[n];
      java.util.Arrays.fill(out, 0, n, 0f);
      CompressorBranch.Kind[] kinds = {CompressorBranch.Kind.PRUNE, CompressorBranch.Kind.POOL,
          CompressorBranch.Kind.CONV};
      for (int k = 0; k < 3; k++) {
        run(new CompressorBranch(kinds[k], r), pairs, rows, part);
        for (int i = 0; i < n; i++) {
          out[i] += w[k] * part[i];
        }
      }
    }

    private void run(CompressorBranch b, float[] pairs, int rows, float[] out) {
      switch (b.kind()) {
        case PRUNE -> ParameterFreeBranches.prune(pairs, rows, width, b.size(), null, out);
        case POOL -> ParameterFreeBranches.pool(pairs, rows, width, b.size(), out);
        case TEXT_ONLY -> { }
        case CONV, RESAMPLER -> {
          Objects.requireNonNull(model).compress(b, pairs, rows, out);
          ModelOutputCheck.requireFinite(out, 0, b.outputTokens(rows) * width, "compressor " + b.name(),
              "compressed pair", 0, width);
        }
      }
    }

    @Override
    public String toString() {
      return name();
    }
  }
}
