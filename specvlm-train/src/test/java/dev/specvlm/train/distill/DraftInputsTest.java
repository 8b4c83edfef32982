package dev.specvlm.train.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shift-by-one pairing and the loss alignment of brief §2.3 / §8.3. */
class DraftInputsTest {
  @Test
  void of_pairsFeatureWithNextEmbeddingAndAlignsLossRows() {
    int h = 2;
    int t = 7; // positions 0..6; the answer (and EOS) is positions 4..6
    float[] embeds = new float[t * h];
    float[] features = new float[t * h];
    for (int i = 0; i < t * h; i++) {
      embeds[i] = 100 + i; // E[p] = {100 + 2p, 101 + 2p}
      features[i] = 200 + i; // f_p = {200 + 2p, 201 + 2p}
    }
    TeacherPass pass = new TeacherPass(new int[t], embeds, t, 4, features, new float[(t - 4 + 1) * 3]);
    DraftInputs in = DraftInputs.of(pass, h);
    assertEquals(t - 1, in.rows());
    for (int j = 0; j < t - 1; j++) {
      assertEquals(embeds[(j + 1) * h], in.nextEmbeds()[j * h], "row " + j + " holds E[j+1]");
      assertEquals(features[j * h + 1], in.features()[j * h + 1], "row " + j + " holds f_j");
    }
    // rows 3..4: the next element is an answer token (positions 4, 5) and f_{j+1} predicts part of the answer
    assertArrayEquals(new int[] {3, 4}, in.lossRows());
    assertArrayEquals(new int[] {4, 5}, in.targetPositions());
    assertEquals(0, pass.logitRow(3), "the first logit row is the position before the answer");
    assertEquals(2, pass.logitRow(5));
  }
}
