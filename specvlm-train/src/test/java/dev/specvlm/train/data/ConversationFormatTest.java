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

  @Test
  void encode_turns_firstTurnIsTheSingleTurnEncodingAndEveryAnswerCarriesTheLoss() {
    Sample sample = SampleGenerator.standard().sample(DataSplit.HELD_OUT.seed(5));
    int n = sample.resolution().visualTokens(8);
    java.util.List<Dialogue> turns = SampleGenerator.standard().dialogues(sample, 3);
    assertEquals(sample.dialogue(), turns.get(0));
    EncodedConversation single = FORMAT.encode(sample);
    EncodedConversation c = FORMAT.encode(turns, n);

    assertArrayEquals(single.ids(), Arrays.copyOf(c.ids(), single.length()));
    assertEquals(single.answerStart(), c.answerStart());
    String text = TOKENIZER.decode(c.ids(), single.length(), c.length());
    // (decoding drops the <eos> that closes each answer)
    assertEquals("USER: " + turns.get(1).question() + " ASSISTANT: " + turns.get(1).answer() + " USER: "
        + turns.get(2).question() + " ASSISTANT: " + turns.get(2).answer(), text);
    assertEquals(3, Arrays.stream(c.ids()).filter(id -> id == SpecialTokens.EOS_ID).count());
    assertEquals(SpecialTokens.EOS_ID, c.ids()[c.length() - 1]);
    int answerTokens = 0;
    for (Dialogue d : turns) {
      answerTokens += TOKENIZER.encode(d.answer()).length + 1;
    }
    assertEquals(answerTokens, c.targetCount());
    for (int i = single.length(); i < c.length(); i++) {
      boolean prompt = c.ids()[i] == TOKENIZER.encode("USER:")[0];
      assertTrue(!prompt || !c.lossMask()[i], "a user turn carries no loss at " + i);
    }
  }
}
