package dev.specvlm.core.budget;

import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.DraftState;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.TargetState;
import java.util.Arrays;
import java.util.Objects;

/**
 * Measures {@link DeviceCosts} through the model SPI: over a synthetic committed context, the target's forward over
 * each tree size of {@link BudgetChooser#TREE_SIZES} (and over 1 token) and the draft's forward over 1 to
 * {@value #MAX_DRAFT_ROWS} rows, each the median of {@value #REPEATS} timed runs after one untimed pass. Sizes are
 * measured in interleaved passes (all sizes, then all again), so slow drifts of the machine hit every size alike.
 *
 * <p>Target sizes beyond the first whose warm-up forward costs more than {@value #STOP_RATIO} single-token forwards are
 * not measured: no round of a tree that expensive can beat autoregressive decoding with the depths considered. About
 * 70 target and 50 draft forwards in all; run once per decoder.
 */
public final class LatencyProbe {
  /** Timed runs per size; the median is kept. */
  static final int REPEATS = 3;
  /** Largest draft forward measured. */
  static final int MAX_DRAFT_ROWS = 32;
  /** A tree costing more than this many single-token forwards is never measured. */
  static final double STOP_RATIO = 12;
  /** Committed context while measuring, at most. */
  static final int CONTEXT = 256;

  private static final int[] DRAFT_ROWS = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32};

  private LatencyProbe() {}

  /**
   * Measures the bundle's target and draft.
   *
   * @throws IllegalArgumentException if the bundle has no draft
   * @throws dev.specvlm.SpecVlmException if a model fails while measuring
   */
  public static DeviceCosts measure(ModelBundle bundle) {
    DraftModel draftModel = Objects.requireNonNull(bundle.draft(), "a latency probe needs a draft model");
    int vocab = bundle.spec().vocabSize();
    int hidden = bundle.spec().hiddenSize();
    int maxTree = TREE_SIZES_MAX;
    int context = Math.max(1, Math.min(CONTEXT, bundle.spec().contextLength() - maxTree - 1));
    maxTree = Math.min(maxTree, bundle.spec().contextLength() - context);
    int[] ids = new int[Math.max(context, Math.max(maxTree, MAX_DRAFT_ROWS))];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (int) ((i * 7L + 5) % vocab);
    }
    float[] embeds = new float[ids.length * hidden]; // [rows, H]
    bundle.embedder().embed(ids, 0, ids.length, embeds, 0);
    float[] contextFeatures = new float[context * hidden]; // [context, H]
    LatencyCurve target;
    try (TargetState state = bundle.target().newState(context + maxTree)) {
      target = measureTarget(state, embeds, context, maxTree, vocab, hidden, contextFeatures);
    }
    LatencyCurve draft;
    try (DraftState state = draftModel.newState(context + 1, MAX_DRAFT_ROWS)) {
      draft = measureDraft(state, embeds, contextFeatures, context, vocab, hidden);
    }
    return new DeviceCosts(target, draft, context);
  }

  private static final int TREE_SIZES_MAX = BudgetChooser.TREE_SIZES[BudgetChooser.TREE_SIZES.length - 1];

  private static LatencyCurve measureTarget(TargetState state, float[] embeds, int context, int maxTree, int vocab,
      int hidden, float[] contextFeatures) {
    int[] positions = new int[Math.max(context, maxTree)];
    for (int i = 0; i < context; i++) {
      positions[i] = i;
    }
    float[] logits = new float[Math.max(1, maxTree) * vocab]; // [maxTree, V]
    float[] features = new float[Math.max(context, maxTree) * hidden]; // [rows, H]
    state.forward(embeds, context, positions, new AttentionMask(context, context).setCausal(context), 1, logits,
        contextFeatures);
    int[] keepAll = new int[context];
    Arrays.setAll(keepAll, i -> i);
    state.commit(keepAll, context);
    int[] sizes = sizes(maxTree);
    AttentionMask mask = new AttentionMask(maxTree, maxTree);
    int[] none = new int[0];
    Forward run = q -> {
      for (int i = 0; i < q; i++) {
        positions[i] = context + i;
      }
      long t0 = System.nanoTime();
      state.forward(embeds, q, positions, mask.setCausal(q), q, logits, features);
      long t = System.nanoTime() - t0;
      state.commit(none, 0);
      return t;
    };
    return curve(sizes, run, STOP_RATIO);
  }

  private static LatencyCurve measureDraft(DraftState state, float[] embeds, float[] contextFeatures, int context,
      int vocab, int hidden) {
    int[] positions = new int[Math.max(context, MAX_DRAFT_ROWS)];
    for (int i = 0; i < context; i++) {
      positions[i] = i;
    }
    int maxK = Math.min(MAX_DRAFT_ROWS, vocab);
    float[] hiddenOut = new float[Math.max(context, MAX_DRAFT_ROWS) * hidden]; // [rows, H]
    int[] topIds = new int[MAX_DRAFT_ROWS * maxK]; // [rows, k]
    float[] topLogProbs = new float[MAX_DRAFT_ROWS * maxK]; // [rows, k]
    state.forward(contextFeatures, embeds, context, positions, new AttentionMask(context, context).setCausal(context),
        true, 1, 1, hiddenOut, topIds, topLogProbs);
    // every tree row gets the draft's own prediction for the last context row, as a round's first level does
    float[] rowFeatures = Arrays.copyOfRange(hiddenOut, (context - 1) * hidden, context * hidden);
    float[] features = new float[MAX_DRAFT_ROWS * hidden]; // [rows, H]
    for (int r = 0; r < MAX_DRAFT_ROWS; r++) {
      System.arraycopy(rowFeatures, 0, features, r * hidden, hidden);
    }
    AttentionMask mask = new AttentionMask(MAX_DRAFT_ROWS, MAX_DRAFT_ROWS);
    Forward run = q -> {
      mask.reset(q, q);
      for (int r = 0; r < q; r++) {
        mask.set(r, r);
        positions[r] = context;
      }
      int k = Math.min(q, maxK);
      long t0 = System.nanoTime();
      state.forward(features, embeds, q, positions, mask, false, q, k, hiddenOut, topIds, topLogProbs);
      long t = System.nanoTime() - t0;
      state.discardTentative();
      return t;
    };
    return curve(DRAFT_ROWS, run, Double.POSITIVE_INFINITY); // every K needs its level's cost
  }

  /** One timed forward over {@code q} rows, returning its nanoseconds. */
  @FunctionalInterface
  private interface Forward {
    long run(int q);
  }

  /** 1 followed by the tree sizes up to {@code maxTree}. */
  private static int[] sizes(int maxTree) {
    int[] all = new int[BudgetChooser.TREE_SIZES.length + 1];
    int n = 0;
    all[n++] = 1;
    for (int t : BudgetChooser.TREE_SIZES) {
      if (t <= maxTree) {
        all[n++] = t;
      }
    }
    return Arrays.copyOf(all, n);
  }

  /** Measures {@code run} at {@code sizes}, leaving out the sizes after the first costing over {@code stopRatio}×1. */
  private static LatencyCurve curve(int[] sizes, Forward run, double stopRatio) {
    for (int i = 0; i < 3; i++) {
      run.run(1); // first calls pay for lazy initialisation
    }
    long single = run.run(1);
    int n = 0;
    for (int q : sizes) { // untimed pass; stop at sizes that cannot pay
      long t = run.run(q);
      n++;
      if (t > stopRatio * single && q > 1) {
        break;
      }
    }
    long[][] times = new long[n][REPEATS];
    for (int rep = 0; rep < REPEATS; rep++) {
      for (int i = 0; i < n; i++) {
        times[i][rep] = run.run(sizes[i]);
      }
    }
    double[] medians = new double[n];
    for (int i = 0; i < n; i++) {
      Arrays.sort(times[i]);
      medians[i] = Math.max(1, times[i][REPEATS / 2]);
    }
    return LatencyCurve.of(Arrays.copyOf(sizes, n), medians);
  }
}
