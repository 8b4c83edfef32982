package dev.specvlm.train.vlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specvlm.train.data.ConversationFormat;
import dev.specvlm.train.data.EncodedConversation;
import dev.specvlm.train.data.SpecialTokens;
import dev.specvlm.train.data.Vocabulary;
import dev.specvlm.train.data.WordTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches pad rows, keep one image layout, and put the loss on the rows that predict answer tokens. */
class TargetBatchesTest {
  @Test
  void assemble_padsRowsAndTargetsAnswerTokens() {
    ConversationFormat format = ConversationFormat.of(WordTokenizer.of(Vocabulary.bundled()), 8);
    EncodedConversation a = format.encode("What color is the star?", "It is red.", 4);
    EncodedConversation b = format.encode("Count the objects.", "There are two objects: a red star and a blue ring.",
        4);
    float[] pixels = new float[3 * 16 * 16];
    TargetBatch batch = TargetBatches.assemble(List.of(a, b), List.of(pixels, pixels), 16, 16, 2);
    int t = Math.max(a.length(), b.length());
    assertEquals(t, batch.length());
    assertEquals(a.targetCount() + b.targetCount(), batch.lossRows().length);
    assertEquals(a.length() + b.length(), batch.positions());
    // row a: position answerStart - 1 predicts the first answer token; its last loss row predicts EOS
    assertEquals(a.answerStart() - 1, batch.lossRows()[0]);
    assertEquals(a.ids()[a.answerStart()], batch.lossTargets()[0]);
    int lastOfA = a.targetCount() - 1;
    assertEquals(a.length() - 2, batch.lossRows()[lastOfA]);
    assertEquals(SpecialTokens.EOS_ID, batch.lossTargets()[lastOfA]);
    // row b starts at b * T; padding after the shorter row
    assertEquals((long) t + b.answerStart() - 1, batch.lossRows()[a.targetCount()]);
    if (a.length() < t) {
      assertEquals(SpecialTokens.PAD_ID, batch.ids()[a.length()]);
    }
  }
}
