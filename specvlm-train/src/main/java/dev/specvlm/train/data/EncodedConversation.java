package dev.specvlm.train.data;

/**
 * A tokenized training conversation: {@code <bos> USER: <image>×N question ASSISTANT: answer <eos>}.
 *
 * <p>The model is trained to predict {@code ids[i]} from positions {@code 0..i-1} wherever {@code lossMask[i]} holds,
 * that is on the answer tokens and the closing {@code <eos>}; prompt positions (roles, visual slots, question) carry no
 * loss. The visual slots are {@code ids[imageStart .. imageStart + imageLength)}, each holding
 * {@link SpecialTokens#IMAGE_ID}; the model replaces their embeddings with the vision encoder's outputs in order.
 *
 * @param ids token ids, {@code [T]}
 * @param lossMask {@code [T]}: true where {@code ids[i]} is a training target (answer tokens and the final EOS)
 * @param imageStart the position of the first visual slot
 * @param imageLength N, the number of visual slots
 * @param answerStart the position of the first answer token; {@code ids[0 .. answerStart)} is the prompt
 */
public record EncodedConversation(int[] ids, boolean[] lossMask, int imageStart, int imageLength, int answerStart) {
  /** Validates. Arrays are not copied: a conversation is a fresh value owned by its holder. */
  public EncodedConversation {
    if (ids.length != lossMask.length) {
      throw new IllegalArgumentException("ids [" + ids.length + "] and loss mask [" + lossMask.length
          + "] differ in length; they must be parallel");
    }
  }

  /** T, the number of positions. */
  public int length() {
    return ids.length;
  }

  /** The number of positions that carry a loss. */
  public int targetCount() {
    int n = 0;
    for (boolean b : lossMask) {
      if (b) {
        n++;
      }
    }
    return n;
  }
}
