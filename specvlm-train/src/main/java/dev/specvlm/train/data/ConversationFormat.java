package dev.specvlm.train.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.Booleans;
import com.google.common.primitives.Ints;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a sample becomes a token sequence, in the LLaVA-1.5 (Vicuna v1) style without a system prompt:
 *
 * <pre>{@code
 * <bos> USER: <image>×N {question} ASSISTANT: {answer} <eos>
 * }</pre>
 *
 * <p>One image placeholder becomes N consecutive {@link SpecialTokens#IMAGE_ID} slots, N being the vision encoder's
 * token count for the image's resolution ({@link Resolution#visualTokens(int)}). The prompt is exactly what the
 * runtime builds from {@link #chatTemplate()} around an image part and a text part: the tokenizer strips the spaces
 * and the newline around the template and the placeholder, so {@code "USER: <image>\n" + q + " ASSISTANT:"} encoded
 * in one piece gives the same ids as the parts encoded one by one. Immutable and thread-safe if the tokenizer is.
 */
public final class ConversationFormat {
  /** The text before the user's parts. */
  public static final String USER_PREFIX = "USER: ";
  /** The text after the user's parts; the answer follows it. */
  public static final String ASSISTANT_SUFFIX = " ASSISTANT:";

  private final Tokenizer tokenizer;
  private final int patchSize;
  private final int[] prefixIds;
  private final int[] suffixIds;

  private ConversationFormat(Tokenizer tokenizer, int patchSize) {
    checkArgument(patchSize > 0, "patch size must be positive, got %s", patchSize);
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.patchSize = patchSize;
    this.prefixIds = tokenizer.encode(USER_PREFIX);
    this.suffixIds = tokenizer.encode(ASSISTANT_SUFFIX);
  }

  /**
   * A format over {@code tokenizer} (which must use the {@link SpecialTokens} ids) for a vision encoder with square
   * patches of {@code patchSize} pixels.
   */
  public static ConversationFormat of(Tokenizer tokenizer, int patchSize) {
    return new ConversationFormat(tokenizer, patchSize);
  }

  /** The chat template to record in the model folder's {@code specvlm.json}. */
  public static ModelSpec.ChatTemplate chatTemplate() {
    return new ModelSpec.ChatTemplate(USER_PREFIX, ASSISTANT_SUFFIX);
  }

  /** The patch size P that sets the number of visual slots. */
  public int patchSize() {
    return patchSize;
  }

  /** The training sequence of {@code sample}. */
  public EncodedConversation encode(Sample sample) {
    return encode(sample.question(), sample.answer(), sample.resolution().visualTokens(patchSize));
  }

  /** The training sequence of a question and answer about an image of {@code visualTokens} slots. */
  public EncodedConversation encode(String question, String answer, int visualTokens) {
    int[] prompt = prompt(question, visualTokens);
    int[] answerIds = tokenizer.encode(answer);
    int length = prompt.length + answerIds.length + 1;
    int[] ids = new int[length]; // [T]
    boolean[] mask = new boolean[length]; // [T]
    System.arraycopy(prompt, 0, ids, 0, prompt.length);
    System.arraycopy(answerIds, 0, ids, prompt.length, answerIds.length);
    ids[length - 1] = SpecialTokens.EOS_ID;
    for (int i = prompt.length; i < length; i++) {
      mask[i] = true;
    }
    return new EncodedConversation(ids, mask, 1 + prefixIds.length, visualTokens, prompt.length);
  }

  /**
   * A conversation of several turns about one image, as training for later turns of a chat:
   * {@code <bos> USER: <image>×N q1 ASSISTANT: a1 <eos> USER: q2 ASSISTANT: a2 <eos> …}. The first turn is exactly
   * {@link #encode(String, String, int)}; every answer and its {@code <eos>} carry the loss.
   */
  public EncodedConversation encode(List<Dialogue> turns, int visualTokens) {
    checkArgument(!turns.isEmpty(), "a conversation needs at least one turn");
    EncodedConversation first = encode(turns.get(0).question(), turns.get(0).answer(), visualTokens);
    List<int[]> ids = new ArrayList<>(List.of(first.ids()));
    List<boolean[]> mask = new ArrayList<>(List.of(first.lossMask()));
    for (Dialogue turn : turns.subList(1, turns.size())) {
      int[] question = Ints.concat(prefixIds, tokenizer.encode(turn.question()), suffixIds);
      int[] answer = Ints.concat(tokenizer.encode(turn.answer()), new int[] {SpecialTokens.EOS_ID});
      boolean[] answerMask = new boolean[answer.length];
      Arrays.fill(answerMask, true);
      ids.addAll(List.of(question, answer));
      mask.addAll(List.of(new boolean[question.length], answerMask));
    }
    return new EncodedConversation(Ints.concat(ids.toArray(int[][]::new)),
        Booleans.concat(mask.toArray(boolean[][]::new)), first.imageStart(), first.imageLength(), first.answerStart());
  }

  /** The prompt alone, {@code <bos> USER: <image>×N question ASSISTANT:}, from which a model generates the answer. */
  public int[] prompt(String question, int visualTokens) {
    checkArgument(visualTokens >= 0, "visual token count must not be negative, got %s", visualTokens);
    int[] questionIds = tokenizer.encode(question);
    int[] out = new int[1 + prefixIds.length + visualTokens + questionIds.length + suffixIds.length];
    int at = 0;
    out[at++] = SpecialTokens.BOS_ID;
    System.arraycopy(prefixIds, 0, out, at, prefixIds.length);
    at += prefixIds.length;
    for (int i = 0; i < visualTokens; i++) {
      out[at++] = SpecialTokens.IMAGE_ID;
    }
    System.arraycopy(questionIds, 0, out, at, questionIds.length);
    at += questionIds.length;
    System.arraycopy(suffixIds, 0, out, at, suffixIds.length);
    return out;
  }
}
