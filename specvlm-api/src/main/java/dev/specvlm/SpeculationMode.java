package dev.specvlm;

/** How tokens are proposed before the target model verifies them. Every mode produces the target's output. */
public enum SpeculationMode {
  /** Plain autoregressive decoding: one target forward per token, no draft. The reference every mode is tested against. */
  AR,
  /** Classic assisted generation: the draft proposes one path of {@link TreeBudget#depth()} tokens per round. */
  CHAIN,
  /** EAGLE-1 style: a tree of fixed shape, sized by the {@link TreeBudget}, filled with the draft's ranked tokens. */
  STATIC_TREE,
  /**
   * EAGLE-2 (EagleVLM): a dynamic tree expanded by cumulative draft log-probability and reranked to the best
   * {@code totalTokens - 1} nodes. The default.
   */
  DYNAMIC_TREE
}
