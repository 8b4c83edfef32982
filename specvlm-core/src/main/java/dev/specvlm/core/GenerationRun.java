package dev.specvlm.core;

import dev.specvlm.ContextLengthException;
import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.Prompt;
import dev.specvlm.SpecStats;
import dev.specvlm.TokenListener;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.accept.AcceptanceResult;
import dev.specvlm.core.accept.LogitsProcessor;
import dev.specvlm.core.accept.ModelOutputCheck;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.accept.TreeAcceptor;
import dev.specvlm.core.budget.AcceptanceCounts;
import dev.specvlm.core.budget.AcceptanceStatistics;
import dev.specvlm.core.compress.VisualCompressor;
import dev.specvlm.core.kv.DraftKv;
import dev.specvlm.core.kv.TargetKv;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.DraftState;
import dev.specvlm.core.model.Embedder;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.TargetState;
import dev.specvlm.core.tree.DraftTree;
import dev.specvlm.core.tree.StaticTreeShape;
import dev.specvlm.core.tree.TreeDrafter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One request, end to end (DESIGN "One request, end to end"): prompt assembly, target prefill and first token, draft
 * prefill, then rounds of draft tree → target verification → acceptance → commit until a stop, the token limit,
 * cancellation or timeout. Owns the generation's KV states and buffers (allocated once here, reused every round).
 * Runs on one thread.
 */
final class GenerationRun {
  private static final java.time.Duration MAX_TIMEOUT = java.time.Duration.ofDays(100 * 365);
  /** Rounds after which a generation adds its acceptance tally to the decoder's statistics. */
  private static final int FLUSH_ROUNDS = 32;
  private final ModelBundle bundle;
  private final ModelSpec spec;
  private final Prompt prompt;
  private final GenerationConfig config;
  private final @Nullable TokenListener listener;
  private final CancelSignal cancel;
  private final long seed;
  private final AcceptorFactory acceptors;
  private final Function<TreeBudget, StaticTreeShape> shapes;
  private final TreeBudgetResolver budgets;
  private final int vocab;
  private final int hidden;
  private long deadline;
  private boolean hasDeadline;

  GenerationRun(ModelBundle bundle, Prompt prompt, GenerationConfig config, @Nullable TokenListener listener,
      CancelSignal cancel, long seed, AcceptorFactory acceptors, Function<TreeBudget, StaticTreeShape> shapes,
      TreeBudgetResolver budgets) {
    this.bundle = bundle;
    this.spec = bundle.spec();
    this.prompt = Objects.requireNonNull(prompt, "prompt");
    this.config = Objects.requireNonNull(config, "config");
    this.listener = listener;
    this.cancel = cancel;
    this.seed = seed;
    this.acceptors = acceptors;
    this.shapes = shapes;
    this.budgets = budgets;
    this.vocab = spec.vocabSize();
    this.hidden = spec.hiddenSize();
  }

  GenerationResult run() {
    long start = System.nanoTime();
    config.timeout().ifPresent(t -> {
      if (t.compareTo(MAX_TIMEOUT) < 0) { // longer timeouts (beyond ~292 years in nanoseconds) never fire
        hasDeadline = true;
        deadline = start + t.toNanos();
      }
    });
    GenerationPlan plan = GenerationPlan.create(bundle, config, shapes, budgets);
    StatsRecorder stats = new StatsRecorder(plan.mode, plan.budget, seed, start, plan.maxDepth);
    if (stopRequested()) {
      return GenerationResult.of("", new int[0], FinishReason.CANCELLED, stats.build(0, System.nanoTime()));
    }
    PromptAssembler assembler = new PromptAssembler(bundle);
    AssembledPrompt p = assembler.assemble(prompt);
    stats.visionNanos = assembler.visionNanos();
    stats.promptTokens = p.length();
    stats.visualTokens = p.visualTokens();
    stats.draftVisualTokens = p.visualTokens();
    checkContextLength(p, plan);

    TokenContext context = new TokenContext(vocab);
    context.addAll(p.tokens(), 0, p.length());
    OutputCollector out = new OutputCollector(bundle.tokenizer(), spec, config, context, listener);
    Decoding d = new Decoding(plan, p, context, out, stats);
    FinishReason finish = d.run();
    d.recordModelTime();
    long end = System.nanoTime();
    SpecStats s = stats.build(out.count(), end);
    return GenerationResult.of(out.text(), out.tokens(), finish, s);
  }

  private void checkContextLength(AssembledPrompt p, GenerationPlan plan) {
    long required = (long) p.length() + config.maxNewTokens() + plan.verifyTokens - 1;
    if (required > spec.contextLength()) {
      throw new ContextLengthException(String.format(
          "request needs %d positions but model '%s' has a context length of %d: prompt %d (of which %d visual "
              + "slots) + maxNewTokens %d + %d tokens verified per round (%s) - 1; shorten the prompt, lower "
              + "maxNewTokens or use a smaller tree budget",
          required, spec.name(), spec.contextLength(), p.length(), p.visualTokens(), config.maxNewTokens(),
          plan.verifyTokens, plan.mode));
    }
  }

  private boolean stopRequested() {
    return cancel.isCancelled() || (hasDeadline && System.nanoTime() - deadline >= 0);
  }

  /** The decode loop of one request with its states and buffers. */
  private final class Decoding {
    private final GenerationPlan plan;
    private final AssembledPrompt prompt;
    private final OutputCollector out;
    private final StatsRecorder stats;
    private final Embedder embedder;
    private final TreeAcceptor perPosition;
    private final TreeAcceptor treeAcceptor;
    private final AcceptanceResult result;
    private final DraftTree rootOnly = new DraftTree(1, 0); // a tree of just the root: autoregressive picks
    private final int verifyTokens;
    private final float[] logits; // [verifyTokens, V]
    private final float[] verifyFeatures; // [verifyTokens, H]
    private final float[] verifyEmbeds; // [verifyTokens, H]
    private final int[] positions; // [verifyTokens]
    private final int[] oneToken = new int[1];
    private final @Nullable AcceptanceCounts counts; // null for AR
    private @Nullable TargetKv targetLedger;
    private @Nullable DraftKv draftLedger;
    private long targetPrefillNanos; // model time of the target prefill
    private long draftPrefillNanos; // model time of the draft prefill

    Decoding(GenerationPlan plan, AssembledPrompt prompt, TokenContext context, OutputCollector out,
        StatsRecorder stats) {
      this.plan = plan;
      this.prompt = prompt;
      this.out = out;
      this.stats = stats;
      this.embedder = bundle.embedder();
      LogitsProcessor processor = new LogitsProcessor(config, vocab);
      this.perPosition = AcceptorFactory.perPosition(processor, context, seed);
      TreeDrafter drafter = plan.drafter;
      this.treeAcceptor = drafter == null ? perPosition
          : acceptors.create(config, processor, context, seed, drafter.maxSiblings());
      this.result = new AcceptanceResult(plan.maxDepth);
      this.verifyTokens = plan.verifyTokens;
      this.logits = new float[verifyTokens * vocab];
      this.verifyFeatures = new float[verifyTokens * hidden];
      this.verifyEmbeds = new float[verifyTokens * hidden];
      this.positions = new int[Math.max(verifyTokens, prompt.length())];
      this.counts = plan.statistics == null ? null : new AcceptanceCounts();
    }

    /** Copies the model time of the ledgers into the statistics, prefill and rounds apart. */
    void recordModelTime() {
      long target = targetLedger == null ? 0 : targetLedger.forwardNanos();
      long draft = draftLedger == null ? 0 : draftLedger.forwardNanos();
      stats.targetForwardNanos = Math.max(0, target - targetPrefillNanos);
      stats.draftForwardNanos = Math.max(0, draft - draftPrefillNanos);
      stats.modelNanos = stats.visionNanos + target + draft;
    }

    FinishReason run() {
      int n = prompt.length();
      int capacity = n + config.maxNewTokens() + verifyTokens - 1;
      try (TargetState targetState = bundle.target().newState(capacity)) {
        TargetKv target = new TargetKv(targetState, capacity, Math.max(n, verifyTokens));
        targetLedger = target;
        long t0 = System.nanoTime();
        float[] prefillFeatures = new float[n * hidden];
        for (int i = 0; i < n; i++) {
          positions[i] = i;
        }
        target.forward(prompt.embeds(), n, positions, new AttentionMask(n, n).setCausal(n), 1, logits,
            prefillFeatures);
        target.commitAll();
        targetPrefillNanos = target.forwardNanos();
        rootOnly.reset(prompt.tokens()[n - 1]);
        rootOnly.finish();
        perPosition.accept(rootOnly, logits, n - 1, 0, result);
        int first = result.bonus();
        stats.kvBytes(targetState.kvBytes());
        TreeDrafter drafter = plan.drafter;
        if (drafter == null) {
          stats.prefillNanos = System.nanoTime() - t0;
          FinishReason f = emitFirst(first);
          return f != null ? f : autoregressive(target, targetState, first);
        }
        DraftModel draftModel = Objects.requireNonNull(plan.draft);
        try (DraftState draftState = draftModel.newState(n + config.maxNewTokens(), drafter.maxTentativeRows())) {
          FinishReason f = emitFirst(first);
          if (f != null) {
            stats.prefillNanos = System.nanoTime() - t0;
            return f;
          }
          try {
            return speculative(target, targetState, draftState, drafter, prefillFeatures, first, t0);
          } finally {
            AcceptanceCounts c = Objects.requireNonNull(counts);
            c.drainInto(Objects.requireNonNull(plan.statistics));
          }
        }
      }
    }

    private @Nullable FinishReason emitFirst(int first) {
      stats.firstToken(System.nanoTime());
      return out.add(first);
    }

    private FinishReason autoregressive(TargetKv target, TargetState targetState, int first) {
      AttentionMask single = new AttentionMask(1, 1).setCausal(1);
      int last = first;
      while (true) {
        if (stopRequested()) {
          return FinishReason.CANCELLED;
        }
        long t0 = System.nanoTime();
        int n = target.length();
        oneToken[0] = last;
        embedder.embed(oneToken, 0, 1, verifyEmbeds, 0);
        positions[0] = n;
        target.forward(verifyEmbeds, 1, positions, single, 1, logits, verifyFeatures);
        long t1 = System.nanoTime();
        target.commitAll();
        rootOnly.reset(last);
        rootOnly.finish();
        perPosition.accept(rootOnly, logits, n, out.count(), result);
        long t2 = System.nanoTime();
        stats.verifyNanos += t1 - t0;
        stats.commitNanos += t2 - t1;
        stats.round(0, 0);
        stats.kvBytes(targetState.kvBytes());
        last = result.bonus();
        FinishReason f = out.add(last);
        if (f != null) {
          return f;
        }
      }
    }

    private FinishReason speculative(TargetKv target, TargetState targetState, DraftState draftState,
        TreeDrafter drafter, float[] prefillFeatures, int first, long prefillStart) {
      int n = prompt.length();
      int maxRoundRows = plan.maxDepth + 1;
      DraftKv draft = new DraftKv(draftState, n + config.maxNewTokens(), drafter.maxTentativeRows(),
          Math.max(n, maxRoundRows));
      draftLedger = draft;
      AcceptanceCounts tally = Objects.requireNonNull(counts);
      AcceptanceStatistics shared = Objects.requireNonNull(plan.statistics);
      DraftInputBuilder inputs = new DraftInputBuilder(embedder, hidden, maxRoundRows);
      int rootWidth = drafter.rootWidth();
      int[] rootIds = new int[rootWidth];
      float[] rootLogProbs = new float[rootWidth];
      float[] roundHidden = new float[maxRoundRows * hidden]; // [a + 1, H] predicted features of a round's pairs
      DraftTree tree = new DraftTree(drafter.maxTreeTokens(), drafter.maxDepth());

      // the compressor's choice (gate over the question's target features), then the draft prefill over the pairs
      // (f_j, E[j+1]) with compressed visual spans; its last row predicts the root's children
      long draftStart = System.nanoTime();
      VisualCompressor.Choice compression = chooseCompression(prefillFeatures);
      int q = inputs.prefill(prefillFeatures, prompt.embeds(), n, first, prompt.visualSpans(), compression);
      if (compression != null) {
        stats.compressorBranch = compression.name();
        stats.draftVisualTokens = prompt.visualTokens() - inputs.delta();
      }
      float[] prefillHidden = new float[q * hidden];
      draft.stableForward(inputs.features(), inputs.embeds(), q, 1, rootWidth, prefillHidden, rootIds, rootLogProbs);
      float[] rootFeature = prefillHidden;
      int rootOffset = (q - 1) * hidden;
      checkDraftFeature(rootFeature, rootOffset, draft, inputs, target);
      draftPrefillNanos = draft.forwardNanos();
      stats.draftPrefillNanos = System.nanoTime() - draftStart;
      stats.prefillNanos = System.nanoTime() - prefillStart;
      stats.kvBytes(targetState.kvBytes() + draftState.kvBytes());
      int root = first;
      while (true) {
        if (stopRequested()) {
          return FinishReason.CANCELLED;
        }
        long t0 = System.nanoTime();
        drafter.draft(draft, root, rootFeature, rootOffset, rootIds, rootLogProbs, tree);
        long t1 = System.nanoTime();
        int size = tree.size();
        int committed = target.length();
        embedder.embed(tree.tokens(), 0, size, verifyEmbeds, 0);
        tree.positions(committed, positions);
        target.forward(verifyEmbeds, size, positions, tree.mask(), size, logits, verifyFeatures);
        long t2 = System.nanoTime();
        treeAcceptor.accept(tree, logits, committed, out.count(), result);
        tally.record(tree, result);
        if (tally.rounds() == FLUSH_ROUNDS) {
          tally.drainInto(shared); // concurrent generations see this one's acceptance before it ends
        }
        int kept = result.newTokenCount();
        stats.round(size - 1, result.accepted());
        stats.kvBytes(targetState.kvBytes() + draftState.kvBytes());
        for (int i = 0; i < kept; i++) {
          FinishReason f = out.add(result.newToken(i));
          if (f != null) {
            stats.draftNanos += t1 - t0;
            stats.verifyNanos += t2 - t1;
            stats.commitNanos += System.nanoTime() - t2;
            return f;
          }
        }
        target.commit(result.pathNodes(), kept);
        long t3 = System.nanoTime();
        draft.discardTentative();
        q = inputs.round(verifyFeatures, result.pathNodes(), result.newTokens(), kept, committed);
        draft.stableForward(inputs.features(), inputs.embeds(), q, 1, rootWidth, roundHidden, rootIds, rootLogProbs);
        rootFeature = roundHidden;
        rootOffset = (q - 1) * hidden;
        checkDraftFeature(rootFeature, rootOffset, draft, inputs, target);
        root = result.bonus();
        long t4 = System.nanoTime();
        stats.draftNanos += (t1 - t0) + (t4 - t3);
        stats.verifyNanos += t2 - t1;
        stats.commitNanos += t3 - t2;
      }
    }

    /**
     * This request's visual compression, chosen by the plan's compressor from the target's prefill features of the
     * question (the text after the last image; all text if none follows it); null when nothing is compressed.
     */
    private VisualCompressor.@Nullable Choice chooseCompression(float[] prefillFeatures) {
      VisualCompressor compressor = plan.compression;
      List<AssembledPrompt.VisualSpan> spans = prompt.visualSpans();
      if (compressor == null || spans.isEmpty()) {
        return null;
      }
      int n = prompt.length();
      int after = spans.get(spans.size() - 1).end();
      if (after < n) {
        return compressor.choose(prefillFeatures, after * hidden, n - after);
      }
      float[] text = new float[n * hidden]; // [text rows, H]: every non-visual row, in order
      int rows = 0;
      int next = 0;
      for (int i = 0; i < n; i++) {
        if (next < spans.size() && i == spans.get(next).start()) {
          i = spans.get(next++).end() - 1;
          continue;
        }
        System.arraycopy(prefillFeatures, i * hidden, text, rows++ * hidden, hidden);
      }
      if (rows == 0) { // an image alone: its last slot's feature has seen the whole prompt
        System.arraycopy(prefillFeatures, (n - 1) * hidden, text, 0, hidden);
        rows = 1;
      }
      return compressor.choose(text, 0, rows);
    }

    /** Checks the root's predicted feature and the ledger invariant: draft stable = target committed − Δ. */
    private void checkDraftFeature(float[] features, int offset, DraftKv draft, DraftInputBuilder inputs,
        TargetKv target) {
      int position = draft.stableLength() - 1;
      ModelOutputCheck.requireFinite(features, offset, hidden, "draft", "predicted feature", position, hidden);
      if (draft.stableLength() != inputs.draftPosition(target.length())) {
        throw new IllegalStateException("draft stable length " + draft.stableLength() + " != target length "
            + target.length() + " - delta " + inputs.delta());
      }
    }
  }
}
