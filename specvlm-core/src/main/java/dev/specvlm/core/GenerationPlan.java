package dev.specvlm.core;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.budget.AcceptanceStatistics;
import dev.specvlm.core.compress.VisualCompressor;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.tree.DynamicTreeDrafter;
import dev.specvlm.core.tree.StaticTreeDrafter;
import dev.specvlm.core.tree.StaticTreeShape;
import dev.specvlm.core.tree.TreeDrafter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one request will do: the speculation mode, the resolved tree budget, the drafter and the sizes that follow
 * (verification width, draft rows per round). Validates the mode against the model.
 */
final class GenerationPlan {
  final SpeculationMode mode;
  final TreeBudget budget;
  final @Nullable TreeDrafter drafter; // null for AR
  /** Tokens per verification forward: 1 for AR, the tree size otherwise. */
  final int verifyTokens;
  /** The most drafted tokens on one path (0 for AR): the length of the per-depth statistics. */
  final int maxDepth;
  /** Where the rounds' acceptance is recorded for the device-fitted budget (null for AR). */
  final @Nullable AcceptanceStatistics statistics;
  /** The draft head of this request (null for AR): the compressor's own draft when the visual tokens are compressed. */
  final @Nullable DraftModel draft;
  /** How the draft's visual spans are compressed; null when the draft sees every visual token (and for AR). */
  final @Nullable VisualCompressor compression;

  private GenerationPlan(SpeculationMode mode, TreeBudget budget, @Nullable TreeDrafter drafter,
      @Nullable AcceptanceStatistics statistics, @Nullable DraftModel draft,
      @Nullable VisualCompressor compression) {
    this.mode = mode;
    this.budget = budget;
    this.drafter = drafter;
    this.statistics = statistics;
    this.draft = draft;
    this.compression = compression;
    this.verifyTokens = drafter == null ? 1 : drafter.maxTreeTokens();
    this.maxDepth = drafter == null ? 0 : drafter.maxDepth();
  }

  /**
   * Plans {@code config} on {@code bundle}.
   *
   * @param shapes the static tree shape of a budget (cached by the decoder)
   * @param budgets resolves {@link TreeBudget#auto()} and holds the acceptance statistics
   * @throws InvalidRequestException if the mode needs a draft the model lacks, the budget exceeds the vocabulary, an
   *     end-of-sequence or stop token id lies outside the vocabulary, or the visual compression setting needs what
   *     the model lacks
   */
  static GenerationPlan create(ModelBundle bundle, GenerationConfig config,
      Function<TreeBudget, StaticTreeShape> shapes, TreeBudgetResolver budgets) {
    checkStopTokens(config, bundle.spec().vocabSize(), bundle.spec().name());
    SpeculationMode mode = config.speculation();
    if (mode == SpeculationMode.AR) {
      return new GenerationPlan(mode, config.treeBudget(), null, null, null, null);
    }
    String name = bundle.spec().name();
    VisualCompressor compression = VisualCompressor.resolve(bundle, config.visualCompression());
    DraftModel draft = compression == null ? bundle.draft() : compression.draft(bundle);
    if (draft == null) {
      throw new InvalidRequestException("model '" + name + "' has no draft head, so speculation mode " + mode
          + " cannot run; only SpeculationMode.AR works with it: set GenerationConfig.speculation(AR) or load a "
          + "model folder with a draft");
    }
    TreeBudget budget = budgets.resolve(config);
    int vocab = bundle.spec().vocabSize();
    if (mode != SpeculationMode.CHAIN && budget.topK() > vocab) {
      throw new InvalidRequestException("tree budget topK (K) = " + budget.topK() + " exceeds the vocabulary "
          + vocab + " of model '" + name + "'; lower K");
    }
    int hidden = bundle.spec().hiddenSize();
    TreeDrafter drafter = switch (mode) {
      case DYNAMIC_TREE -> new DynamicTreeDrafter(bundle.embedder(), hidden, budget.topK(), budget.totalTokens(),
          budget.depth());
      case STATIC_TREE -> new StaticTreeDrafter(bundle.embedder(), hidden, shapes.apply(budget));
      case CHAIN -> new StaticTreeDrafter(bundle.embedder(), hidden, StaticTreeShape.chain(budget.depth()));
      case AR -> throw new AssertionError("handled above");
    };
    return new GenerationPlan(mode, budget, drafter, budgets.statistics(config), draft, compression);
  }

  /** Refuses end-of-sequence and stop token ids the model can never produce: such a stop would silently never fire. */
  private static void checkStopTokens(GenerationConfig config, int vocab, String name) {
    for (int id : config.eosTokenIds()) {
      if (id >= vocab) {
        throw new InvalidRequestException("eosTokenIds holds " + id + ", outside the vocabulary [0, " + vocab
            + ") of model '" + name + "', so it could never end the generation; pass ids of this model's tokenizer");
      }
    }
    for (int[] sequence : config.stopTokenSequences()) {
      for (int id : sequence) {
        if (id >= vocab) {
          throw new InvalidRequestException("stop token sequence " + java.util.Arrays.toString(sequence) + " holds "
              + id + ", outside the vocabulary [0, " + vocab + ") of model '" + name + "', so it could never match;"
              + " pass ids of this model's tokenizer");
        }
      }
    }
  }
}
