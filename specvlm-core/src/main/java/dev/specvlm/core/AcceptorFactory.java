package dev.specvlm.core;

import dev.specvlm.GenerationConfig;
import dev.specvlm.core.accept.CoupledAcceptor;
import dev.specvlm.core.accept.GreedyAcceptor;
import dev.specvlm.core.accept.LogitsProcessor;
import dev.specvlm.core.accept.PositionUniforms;
import dev.specvlm.core.accept.RejectionAcceptor;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.accept.TreeAcceptor;
import java.util.SplittableRandom;

/**
 * Chooses the acceptor of a generation's verification rounds. The standard factory follows the configuration;
 * tests substitute deliberately broken acceptors to show that the losslessness checks can fail.
 */
@FunctionalInterface
interface AcceptorFactory {
  /** The random stream id of the rejection sampler, derived from the generation's seed. */
  long REJECTION_STREAM = 1;

  /** Greedy at temperature 0; otherwise the configured {@link dev.specvlm.VerificationSampler}. */
  AcceptorFactory STANDARD = (config, processor, context, seed, maxSiblings) -> {
    if (processor.greedy()) {
      return new GreedyAcceptor(processor, context);
    }
    return switch (config.verificationSampler()) {
      case COUPLED -> new CoupledAcceptor(processor, context, seed);
      case REJECTION -> new RejectionAcceptor(processor, context,
          new SplittableRandom(PositionUniforms.derive(seed, REJECTION_STREAM)), maxSiblings);
    };
  };

  /**
   * The acceptor for tree rounds.
   *
   * @param maxSiblings the most children a tree node can have
   */
  TreeAcceptor create(GenerationConfig config, LogitsProcessor processor, TokenContext context, long seed,
      int maxSiblings);

  /**
   * The per-position rule used for autoregressive steps and for the first token after the prefill in every mode:
   * greedy, or the coupled inverse-CDF sample with the uniform of (seed, position).
   */
  static TreeAcceptor perPosition(LogitsProcessor processor, TokenContext context, long seed) {
    return processor.greedy() ? new GreedyAcceptor(processor, context) : new CoupledAcceptor(processor, context, seed);
  }
}
