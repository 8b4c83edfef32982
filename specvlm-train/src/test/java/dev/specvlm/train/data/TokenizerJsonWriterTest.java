package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written tokenizer.json, loaded by DJL's Hugging Face tokenizer (native, offline). */
class TokenizerJsonWriterTest {
  private static final int SAMPLES = 3000;

  @TempDir static Path folder;
  private static HuggingFaceTokenizer djl;
  private static final Vocabulary VOCABULARY = Vocabulary.bundled();
  private static final WordTokenizer JAVA = WordTokenizer.of(VOCABULARY);

  @BeforeAll
  static void load() throws IOException {
    Path file = folder.resolve("tokenizer.json");
    TokenizerJsonWriter.write(VOCABULARY, file);
    // DJL truncates to 512 tokens unless told not to (HuggingFaceTokenizer.newInstance(path) does): prompts of a
    // 256×256 image hold 1024 visual slots.
    djl = HuggingFaceTokenizer.builder().optTokenizerPath(file).optTruncation(false).build();
  }

  @AfterAll
  static void close() {
    djl.close();
  }

  private static int[] djlIds(String text) {
    return Arrays.stream(djl.encode(text).getIds()).mapToInt(Math::toIntExact).toArray();
  }

  private static String djlDecode(int[] ids) {
    return djl.decode(Arrays.stream(ids).asLongStream().toArray(), true);
  }

  @Test
  void vocabulary_bundled_sizeWithinTheLmHeadRangeAndSpecialsFirst() {
    assertTrue(VOCABULARY.size() >= 2048 && VOCABULARY.size() <= 4096, "vocabulary size " + VOCABULARY.size());
    assertEquals(SpecialTokens.ALL, VOCABULARY.tokens().subList(0, 5));
    assertEquals(SpecialTokens.IMAGE_ID, VOCABULARY.id(SpecialTokens.IMAGE));
  }

  @Test
  void encode_heldOutQuestionsAndAnswers_noUnkSameIdsInDjlAndJavaAndExactRoundTrip() {
    SampleGenerator generator = SampleGenerator.standard();
    for (long i = 0; i < SAMPLES; i++) {
      Dialogue d = generator.dialogue(DataSplit.HELD_OUT.seed(i));
      for (String text : new String[] {d.question(), d.answer()}) {
        int[] ids = djlIds(text);
        assertTrue(Arrays.stream(ids).noneMatch(id -> id == SpecialTokens.UNK_ID),
            () -> "<unk> in \"" + text + "\": " + Arrays.toString(djl.encode(text).getTokens()));
        assertArrayEquals(ids, JAVA.encode(text), () -> "Java and DJL differ on \"" + text + "\"");
        assertEquals(text, djlDecode(ids));
        assertEquals(text, JAVA.decode(ids, 0, ids.length));
      }
    }
  }

  @Test
  void encode_conversationWithSpecialTokens_agreesWithJava() {
    String text = "USER: <image>\nWhat colour is the star? ASSISTANT: The star is red.<eos>";
    int[] ids = djlIds(text);
    assertArrayEquals(ids, JAVA.encode(text));
    assertEquals(SpecialTokens.IMAGE_ID, ids[2]);
    assertEquals(SpecialTokens.EOS_ID, ids[ids.length - 1]);
    assertEquals("USER: What colour is the star? ASSISTANT: The star is red.", djlDecode(ids));
  }

  @Test
  void encode_longPromptWithTruncationOff_keepsEveryToken() {
    String text = "USER: " + SpecialTokens.IMAGE.repeat(1024) + " Describe the image. ASSISTANT:";
    int[] ids = djlIds(text);
    assertEquals(1024 + JAVA.encode("USER: Describe the image. ASSISTANT:").length, ids.length);
  }

  @Test
  void encode_wordOutsideTheGrammar_mapsToUnkAndWhitespaceIsNormalised() {
    assertArrayEquals(new int[] {VOCABULARY.id("▁The"), SpecialTokens.UNK_ID, VOCABULARY.id(".")},
        djlIds("The zeppelin."));
    assertEquals("a red star.", djlDecode(djlIds("  a  red\n star. ")));
  }

  @Test
  void toJson_rebuiltVocabulary_identicalBytes() throws IOException {
    Vocabulary rebuilt = VocabularyBuilder.build(SampleGenerator.standard(), VocabularyBuilder.CORPUS_SAMPLES);
    assertEquals(VOCABULARY.tokens(), rebuilt.tokens());
    String written = Files.readString(folder.resolve("tokenizer.json"), StandardCharsets.UTF_8);
    assertEquals(written, TokenizerJsonWriter.toJson(rebuilt));
  }

  @Test
  void vocabulary_everyPieceIsAWordNumberOrMark() {
    String odd = VOCABULARY.tokens().stream().skip(SpecialTokens.ALL.size())
        .filter(t -> !t.matches("▁?([A-Za-z]+|[0-9]+)|▁?\\p{Punct}|▁"))
        .collect(Collectors.joining(" "));
    assertEquals("", odd);
  }
}
