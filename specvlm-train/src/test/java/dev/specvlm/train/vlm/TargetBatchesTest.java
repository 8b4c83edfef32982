package dev.specvlm.train.vlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specvlm.train.data.ConversationFormat;
import dev.specvlm.train.data.EncodedConversation;
import dev.specvlm.train.data.Resolution;
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
    TargetBatch batch = TargetBatches.assemble(List.of(a, b), List.of(pixels, pixels), 16, 16, 2,
        BatchEmphasis.none());
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

  @Test
  void assemble_withEmphasis_weighsFactTokensOnly() {
    WordTokenizer tokenizer = WordTokenizer.of(Vocabulary.bundled());
    ConversationFormat format = ConversationFormat.of(tokenizer, 8);
    EncodedConversation a = format.encode("What color is the star?", "It is red.", 4);
    int red = tokenizer.encode("red")[0];
    BatchEmphasis emphasis = new BatchEmphasis(1, 3f, java.util.Set.of(red));
    TargetBatch batch = TargetBatches.assemble(List.of(a), List.of(new float[3 * 16 * 16]), 16, 16, 1, emphasis);
    for (int i = 0; i < batch.lossTargets().length; i++) {
      assertEquals(batch.lossTargets()[i] == red ? 3f : 1f, batch.lossWeights()[i], "weight at " + i);
    }
    assertEquals(1, java.util.stream.LongStream.of(batch.lossTargets()).filter(t -> t == red).count());
  }

  @Test
  void batch_withTurns_putsSeveralAnswersOnEachImage() {
    ConversationFormat format = ConversationFormat.of(WordTokenizer.of(Vocabulary.bundled()), 8);
    dev.specvlm.onnx.image.ImageSettings images = TinyVlm.imageSettings(8, 64);
    TargetBatches one = new TargetBatches(List.of(Resolution.SQUARE_64), format, images, 512, 1);
    TargetBatches four = new TargetBatches(List.of(Resolution.SQUARE_64), format, images, 512, 1,
        new BatchEmphasis(4, 1f, java.util.Set.of()));
    TargetBatch single = one.batch(0, 0);
    TargetBatch multi = four.batch(0, 0);
    assertEquals(512 / (64 + 64), single.size());
    assertEquals(512 / (64 + 4 * 64), multi.size());
    int eos = 0;
    for (long t : multi.lossTargets()) {
      eos += t == SpecialTokens.EOS_ID ? 1 : 0;
    }
    assertEquals(4 * multi.size(), eos, "one closing EOS per answer");
    assertEquals(single.ids()[0], multi.ids()[0]);
  }
}
