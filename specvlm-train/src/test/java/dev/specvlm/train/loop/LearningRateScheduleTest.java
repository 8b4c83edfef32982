package dev.specvlm.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void at_warmsUpThenDecaysToFloor() {
    LearningRateSchedule s = new LearningRateSchedule(1e-3, 0.1, 0.1);
    assertEquals(0, s.at(0), 1e-12);
    assertEquals(5e-4, s.at(0.05), 1e-12);
    assertEquals(1e-3, s.at(0.1), 1e-12);
    assertEquals(0.55e-3, s.at(0.55), 1e-9); // halfway through the cosine: (1 + 0.1) / 2
    assertEquals(1e-4, s.at(1), 1e-12);
    assertEquals(1e-4, s.at(2), 1e-12);
  }
}
