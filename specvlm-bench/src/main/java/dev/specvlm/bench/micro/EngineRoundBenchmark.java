package dev.specvlm.bench.micro;

import dev.specvlm.GenerationConfig;
import dev.specvlm.core.accept.AcceptanceResult;
import dev.specvlm.core.accept.GreedyAcceptor;
import dev.specvlm.core.accept.LogitsProcessor;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.kv.TargetKv;
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
 * All of the engine's own work in one greedy round at K=10, T=60, D=7, V=32000 (model time excluded): dynamic tree
 * expansion and rerank, tree mask and positions, greedy acceptance along a 3-token path, and the KV bookkeeping of
 * the verification forward and the commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineRoundBenchmark {
  /** H: the width of the features routed between tree levels. */
  @Param({"64", "4096"})
  public int hidden;

  private RoundFixture fixture;
  private GreedyAcceptor acceptor;
  private final AcceptanceResult result = new AcceptanceResult(RoundFixture.D + 1);
  private final int[] positions = new int[RoundFixture.T];
  private final float[] empty = new float[0];
  private TargetKv kv;

  /** Builds the round fixture, the acceptor and the ledger. */
  @Setup
  public void setUp() {
    fixture = new RoundFixture(hidden, 3, 1);
    acceptor = new GreedyAcceptor(new LogitsProcessor(GenerationConfig.builder().temperature(0).build(),
        RoundFixture.VOCAB), new TokenContext(RoundFixture.VOCAB));
    kv = new TargetKv(new KvCommitBenchmark.CountingState(), Integer.MAX_VALUE, RoundFixture.T);
  }

  /** One round of engine work. */
  @Benchmark
  public AcceptanceResult round() {
    if (kv.length() > 1_000_000_000) {
      setUp();
    }
    fixture.draftTree();
    int committed = kv.length();
    fixture.tree.positions(committed, positions);
    kv.forward(empty, fixture.tree.size(), positions, fixture.tree.mask(), fixture.tree.size(), empty, empty);
    acceptor.accept(fixture.tree, fixture.logits, committed, 0, result);
    kv.commit(result.pathNodes(), result.newTokenCount());
    return result;
  }
}
