package dev.specvlm.bench.micro;

import dev.specvlm.core.tree.DraftTree;
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
 * EAGLE-2 dynamic tree drafting per round (K=10, T=60, D=7): level-1 from the root's top-K, D tentative draft steps of
 * K rows (feature routing, ancestry masks, top-K of K² children), rerank of the 710-node pool to 59 nodes, then the
 * tree mask and retrieve paths. The synthetic draft costs almost nothing, so this is the engine's share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TreeExpansionBenchmark {
  /** H: the width of the features the engine routes between tree levels (64 tiny, 4096 for a 7B target). */
  @Param({"64", "4096"})
  public int hidden;

  private RoundFixture fixture;

  /** Builds the fixture. */
  @Setup
  public void setUp() {
    fixture = new RoundFixture(hidden, 3, 1);
  }

  /** Drafts one tree. */
  @Benchmark
  public DraftTree expandAndRerank() {
    fixture.draftTree();
    return fixture.tree;
  }
}
