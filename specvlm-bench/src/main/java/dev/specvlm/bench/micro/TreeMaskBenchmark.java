package dev.specvlm.bench.micro;

import dev.specvlm.core.tree.DraftTree;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Building a 60-node tree's attention mask, depths and retrieve paths from its parents (brief §3.4). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TreeMaskBenchmark {
  private DraftTree source;
  private DraftTree tree;
  private int[] positions;

  /** Drafts the source tree once. */
  @Setup
  public void setUp() {
    source = new RoundFixture(64, 3, 1).tree;
    tree = new DraftTree(RoundFixture.T, RoundFixture.D + 1);
    positions = new int[RoundFixture.T];
  }

  /** Rebuilds the tree and derives its mask, retrieve paths and positions. */
  @Benchmark
  public DraftTree buildMaskAndPaths() {
    tree.reset(source.token(0));
    for (int m = 1; m < source.size(); m++) {
      tree.add(source.token(m), source.parent(m));
    }
    tree.finish();
    tree.positions(1000, positions);
    return tree;
  }
}
