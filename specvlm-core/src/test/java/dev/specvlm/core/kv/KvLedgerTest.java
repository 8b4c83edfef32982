package dev.specvlm.core.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.InferenceException;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetState;
import dev.specvlm.core.testmodel.ReferenceLanguage;
import dev.specvlm.core.testmodel.TunableDraft;
import org.junit.jupiter.api.Test;

class KvLedgerTest {
  /** A target state that only counts, optionally lying about its length. */
  static final class CountingState implements TargetState {
    int length;
    int pending;
    int lie;
    int[] lastKeep = new int[0];

    @Override
    public int length() {
      return length + lie;
    }

    @Override
    public int capacity() {
      return 100;
    }

    @Override
    public void forward(float[] embeds, int q, int[] positions, AttentionMask mask, int logitRows, float[] logits,
        float[] features) {
      pending = q;
    }

    @Override
    public void commit(int[] keep, int count) {
      lastKeep = java.util.Arrays.copyOf(keep, count);
      length += count;
      pending = 0;
    }

    @Override
    public long kvBytes() {
      return length;
    }

    @Override
    public void close() {}
  }

  private static void forward(TargetKv kv, int q) {
    kv.forward(new float[0], q, new int[q], new AttentionMask(q, q).setCausal(q), 1, new float[0], new float[0]);
  }

  @Test
  void commit_path_keepsTheRowsAndAdvancesTheLength() {
    CountingState s = new CountingState();
    TargetKv kv = new TargetKv(s, 20, 10);
    forward(kv, 5);
    kv.commitAll();
    forward(kv, 6);
    kv.commit(new int[] {0, 2, 5}, 3);
    assertEquals(8, kv.length());
    assertEquals(0, kv.pending());
    assertEquals("[0, 2, 5]", java.util.Arrays.toString(s.lastKeep));
  }

  @Test
  void forward_pastCapacity_throwsWithTheNumbers() {
    TargetKv kv = new TargetKv(new CountingState(), 8, 10);
    forward(kv, 6);
    kv.commitAll();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> forward(kv, 3));
    assertTrue(e.getMessage().contains("6 committed + 3") && e.getMessage().contains("capacity 8"), e.getMessage());
  }

  @Test
  void forward_withPendingRows_throws() {
    TargetKv kv = new TargetKv(new CountingState(), 20, 10);
    forward(kv, 2);
    assertThrows(IllegalStateException.class, () -> forward(kv, 2));
  }

  @Test
  void commit_unorderedRows_throws() {
    TargetKv kv = new TargetKv(new CountingState(), 20, 10);
    forward(kv, 4);
    assertThrows(IllegalArgumentException.class, () -> kv.commit(new int[] {0, 2, 1}, 3));
    assertThrows(IllegalArgumentException.class, () -> kv.commit(new int[] {0, 4}, 2));
  }

  @Test
  void commit_backendLengthDisagrees_throwsInferenceException() {
    CountingState s = new CountingState();
    TargetKv kv = new TargetKv(s, 20, 10);
    forward(kv, 3);
    s.lie = 1;
    InferenceException e = assertThrows(InferenceException.class, kv::commitAll);
    assertTrue(e.getMessage().contains("TargetState"), e.getMessage());
  }

  @Test
  void draftKv_stableAndTentativeBookkeeping() {
    TunableDraft draft = new TunableDraft(new ReferenceLanguage(16, 4, 2, 1), 0);
    draft.strict(false);
    DraftKv kv = new DraftKv(draft.newState(10, 4), 10, 4, 6);
    float[] buf = new float[6 * 4];
    kv.stableForward(buf, buf, 6, 1, 2, new float[6 * 4], new int[2], new float[2]);
    assertEquals(6, kv.stableLength());
    AttentionMask m = new AttentionMask(2, 4);
    m.reset(2, 2);
    m.set(0, 0);
    m.set(1, 1);
    kv.tentativeForward(buf, buf, 2, new int[] {6, 6}, m, 2, 2, new float[8], new int[4], new float[4]);
    assertEquals(2, kv.tentativeLength());
    assertThrows(IllegalStateException.class,
        () -> kv.stableForward(buf, buf, 1, 1, 2, new float[4], new int[2], new float[2]));
    AttentionMask wrong = new AttentionMask(3, 5).reset(3, 3);
    assertThrows(IllegalStateException.class,
        () -> kv.tentativeForward(buf, buf, 3, new int[3], wrong, 3, 2, new float[12], new int[6], new float[6]));
    kv.discardTentative();
    assertEquals(0, kv.tentativeLength());
    assertThrows(IllegalStateException.class,
        () -> kv.stableForward(buf, buf, 5, 1, 2, new float[20], new int[2], new float[2]));
  }
}
