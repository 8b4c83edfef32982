package dev.specvlm.bench.micro;

import dev.specvlm.GenerationConfig;
import dev.specvlm.core.accept.AcceptanceResult;
import dev.specvlm.core.accept.CoupledAcceptor;
import dev.specvlm.core.accept.GreedyAcceptor;
import dev.specvlm.core.accept.LogitsProcessor;
import dev.specvlm.core.accept.RejectionAcceptor;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.accept.TreeAcceptor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Acceptance of one verified round: synthetic target logits {@code [60, 32000]} that agree with the draft for three
 * levels (4 nodes visited), a 300-token context for the repetition penalty. Greedy needs the arg max only along the
 * accepted path; sampling processes the full distribution at every visited node (one {@code Math.exp} per
 * vocabulary entry unless top-k narrows it first).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AcceptanceBenchmark {
  /**
   * greedy (no penalty), greedy-penalty (repetition penalty 1.1), coupled-topp (T 0.7, top-p 0.9, penalty 1.1),
   * coupled-topk (also top-k 50), rejection-topp (as coupled-topp).
   */
  @Param({"greedy", "greedy-penalty", "coupled-topp", "coupled-topk", "rejection-topp"})
  public String sampler;

  private RoundFixture fixture;
  private TreeAcceptor acceptor;
  private final AcceptanceResult result = new AcceptanceResult(RoundFixture.D + 1);
  private int next;

  /** Builds the fixture and the acceptor of {@link #sampler}. */
  @Setup
  public void setUp() {
    fixture = new RoundFixture(64, 3, 1);
    TokenContext context = new TokenContext(RoundFixture.VOCAB);
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 300; i++) {
      context.add(r.nextInt(RoundFixture.VOCAB));
    }
    GenerationConfig.Builder c = GenerationConfig.builder().repetitionPenalty(1.1);
    switch (sampler) {
      case "greedy" -> acceptor = new GreedyAcceptor(
          new LogitsProcessor(GenerationConfig.builder().temperature(0).build(), RoundFixture.VOCAB), context);
      case "greedy-penalty" -> acceptor = new GreedyAcceptor(
          new LogitsProcessor(c.temperature(0).build(), RoundFixture.VOCAB), context);
      case "coupled-topp" -> acceptor = new CoupledAcceptor(
          new LogitsProcessor(c.temperature(0.7).topP(0.9).build(), RoundFixture.VOCAB), context, 1);
      case "coupled-topk" -> acceptor = new CoupledAcceptor(
          new LogitsProcessor(c.temperature(0.7).topK(50).topP(0.9).build(), RoundFixture.VOCAB), context, 1);
      case "rejection-topp" -> acceptor = new RejectionAcceptor(
          new LogitsProcessor(c.temperature(0.7).topP(0.9).build(), RoundFixture.VOCAB), context,
          new SplittableRandom(1), RoundFixture.K);
      default -> throw new IllegalArgumentException(sampler);
    }
  }

  /** Accepts one verified tree. */
  @Benchmark
  public AcceptanceResult accept() {
    acceptor.accept(fixture.tree, fixture.logits, 1000, next++ & 1023, result);
    return result;
  }
}
