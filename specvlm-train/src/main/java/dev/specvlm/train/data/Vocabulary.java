package dev.specvlm.train.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The word-level vocabulary of the bundled model: id → piece and back. Ids {@code 0..4} are the
 * {@link SpecialTokens}; the rest are pieces as {@link WordPieces} cuts them ({@code ▁red}, {@code .}, {@code 12}).
 * Immutable and thread-safe.
 */
public final class Vocabulary {
  private final List<String> tokens; // [V] id → piece
  private final Map<String, Integer> ids;

  private Vocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>(2 * tokens.size());
    for (int i = 0; i < this.tokens.size(); i++) {
      Integer previous = ids.put(this.tokens.get(i), i);
      checkArgument(previous == null, "vocabulary lists piece '%s' twice (ids %s and %s); pieces must be unique",
          this.tokens.get(i), previous, i);
    }
  }

  /**
   * A vocabulary of {@code tokens} in id order, which must start with {@link SpecialTokens#ALL}.
   *
   * @throws IllegalArgumentException if the special tokens are missing or a piece repeats
   */
  public static Vocabulary of(List<String> tokens) {
    checkArgument(tokens.size() > SpecialTokens.ALL.size()
            && tokens.subList(0, SpecialTokens.ALL.size()).equals(SpecialTokens.ALL),
        "a vocabulary must start with the special tokens %s; got %s", SpecialTokens.ALL,
        tokens.subList(0, Math.min(tokens.size(), SpecialTokens.ALL.size())));
    return new Vocabulary(tokens);
  }

  /** The vocabulary of the bundled model, built from the grammar (see {@link VocabularyBuilder}); cached. */
  public static Vocabulary bundled() {
    return Bundled.VOCABULARY;
  }

  /** V, the number of ids. */
  public int size() {
    return tokens.size();
  }

  /** The piece of {@code id}. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** The id of {@code piece}, or {@link SpecialTokens#UNK_ID} if it is not in the vocabulary. */
  public int id(String piece) {
    Integer id = ids.get(piece);
    return id == null ? SpecialTokens.UNK_ID : id;
  }

  /** Whether {@code piece} has an id of its own. */
  public boolean contains(String piece) {
    return ids.containsKey(piece);
  }

  /** The pieces in id order. */
  public List<String> tokens() {
    return tokens;
  }

  /** Whether {@code id} is one of the special tokens. */
  public static boolean isSpecial(int id) {
    return id >= 0 && id < SpecialTokens.ALL.size();
  }

  /** Holder of the lazily built bundled vocabulary. */
  private static final class Bundled {
    static final Vocabulary VOCABULARY = VocabularyBuilder.build(SampleGenerator.standard(),
        VocabularyBuilder.CORPUS_SAMPLES);
  }
}
