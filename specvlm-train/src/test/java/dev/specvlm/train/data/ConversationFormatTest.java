package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConversationFormatTest {
  private static final WordTokenizer TOKENIZER = WordTokenizer.bundled();
  private static final ConversationFormat FORMAT = ConversationFormat.of(TOKENIZER, 8);

  @Test
  void encode_sample_layoutIsBosRolesImageQuestionAnswerEos() {
    Sample sample = SampleGenerator.standard().sample(DataSplit.HELD_OUT.seed(3));
    int n = sample.resolution().visualTokens(8);
    EncodedConversation c = FORMAT.encode(sample);
    int[] ids = c.ids();

    assertEquals(SpecialTokens.BOS_ID, ids[0]);
    assertEquals("USER:", TOKENIZER.decode(ids, 1, c.imageStart()));
    assertEquals(n, c.imageLength());
    for (int i = 0; i < ids.length; i++) {
      boolean slot = i >= c.imageStart() && i < c.imageStart() + n;
      assertEquals(slot, ids[i] == SpecialTokens.IMAGE_ID, "image slot at " + i);
    }
    assertEquals(sample.question() + " ASSISTANT:",
        TOKENIZER.decode(ids, c.imageStart() + n, c.answerStart()));
    assertEquals(sample.answer(), TOKENIZER.decode(ids, c.answerStart(), ids.length - 1));
    assertEquals(SpecialTokens.EOS_ID, ids[ids.length - 1]);
  }

  @Test
  void encode_lossMask_coversExactlyTheAnswerAndEos() {
    EncodedConversation c = FORMAT.encode("What colour is the star?", "The star is red.", 64);
    boolean[] mask = c.lossMask();
    for (int i = 0; i < mask.length; i++) {
      assertEquals(i >= c.answerStart(), mask[i], "loss mask at " + i);
    }
    assertEquals(TOKENIZER.encode("The star is red.").length + 1, c.targetCount());
    assertFalse(mask[0]);
    assertTrue(mask[mask.length - 1]);
  }

  @Test
  void prompt_isThePrefixOfTheTrainingSequence() {
    EncodedConversation c = FORMAT.encode("Describe the image.", "A red circle on a plain white background.", 256);
    int[] prompt = FORMAT.prompt("Describe the image.", 256);
    assertArrayEquals(prompt, Arrays.copyOf(c.ids(), c.answerStart()));
  }

  @Test
  void prompt_matchesTheChatTemplateEncodedInOnePiece() {
    String question = "How many circles are there?";
    String whole = ConversationFormat.chatTemplate().prefix() + SpecialTokens.IMAGE + "\n" + question
        + ConversationFormat.chatTemplate().suffix();
    int[] expected = TOKENIZER.encode(whole);
    int[] prompt = FORMAT.prompt(question, 1);
    assertArrayEquals(expected, Arrays.copyOfRange(prompt, 1, prompt.length), "one <image> slot, without <bos>");
  }
}
