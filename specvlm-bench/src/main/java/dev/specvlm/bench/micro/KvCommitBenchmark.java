package dev.specvlm.bench.micro;

import dev.specvlm.core.kv.TargetKv;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's KV bookkeeping per round: capacity and mask checks around a 60-row verification forward, then the
 * commit of a 5-row accepted path (order check, backend call, length cross-check). The backend does nothing here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KvCommitBenchmark {
  /** A target state that only counts. */
  static final class CountingState implements TargetState {
    private int length;

    @Override
    public int length() {
      return length;
    }

    @Override
    public int capacity() {
      return Integer.MAX_VALUE;
    }

    @Override
    public void forward(float[] embeds, int q, int[] positions, AttentionMask mask, int logitRows, float[] logits,
        float[] features) {}

    @Override
    public void commit(int[] keep, int count) {
      length += count;
    }

    @Override
    public long kvBytes() {
      return length;
    }

    @Override
    public void close() {}
  }

  private TargetKv kv;
  private final int[] path = {0, 1, 11, 23, 40};
  private final AttentionMask mask = new AttentionMask(RoundFixture.T, RoundFixture.T);
  private final int[] positions = new int[RoundFixture.T];
  private final float[] empty = new float[0];

  /** Builds the ledger and a 60×60 mask. */
  @Setup
  public void setUp() {
    mask.reset(RoundFixture.T, RoundFixture.T);
    newLedger();
  }

  private void newLedger() {
    kv = new TargetKv(new CountingState(), Integer.MAX_VALUE, RoundFixture.T);
  }

  /** Bookkeeping of one verification forward and one commit. */
  @Benchmark
  public int forwardAndCommitPath() {
    if (kv.length() > 1_000_000_000) {
      newLedger();
    }
    kv.forward(empty, RoundFixture.T, positions, mask, RoundFixture.T, empty, empty);
    kv.commit(path, path.length);
    return kv.length();
  }
}
