package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataSplitTest {
  @Test
  void ranges_trainAndHeldOut_doNotOverlap() {
    assertTrue(DataSplit.TRAIN.end() <= DataSplit.HELD_OUT.first()
        || DataSplit.HELD_OUT.end() <= DataSplit.TRAIN.first());
    assertFalse(DataSplit.TRAIN.contains(DataSplit.HELD_OUT.first()));
    assertFalse(DataSplit.TRAIN.contains(DataSplit.HELD_OUT.end() - 1));
    assertFalse(DataSplit.HELD_OUT.contains(DataSplit.TRAIN.end() - 1));
  }

  @Test
  void seed_indexInRange_staysInSplit() {
    for (DataSplit split : DataSplit.values()) {
      assertEquals(split.first(), split.seed(0));
      assertTrue(split.contains(split.seed(split.size() - 1)));
    }
  }

  @Test
  void seed_indexPastEnd_throws() {
    assertThrows(IllegalArgumentException.class, () -> DataSplit.HELD_OUT.seed(DataSplit.HELD_OUT.size()));
    assertThrows(IllegalArgumentException.class, () -> DataSplit.TRAIN.seed(-1));
  }

  @Test
  void heldOut_holdsAMillionSeeds() {
    assertEquals(1L << 20, DataSplit.HELD_OUT.size());
  }
}
